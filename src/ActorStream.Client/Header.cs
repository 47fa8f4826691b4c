namespace ActorStream.Client;

/// <summary>A record header. Immutable (the value array is the caller's; do not change it after adding).</summary>
public sealed class Header : IHeader
{
    private readonly byte[]? _value;

    /// <summary>Creates a header.</summary>
    /// <param name="key">The key (never null).</param>
    /// <param name="value">The value; null is legal.</param>
    public Header(string key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        _value = value;
    }

    /// <inheritdoc />
    public string Key { get; }

    /// <inheritdoc />
    public byte[]? GetValueBytes() => _value;
}
