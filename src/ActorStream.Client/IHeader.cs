namespace ActorStream.Client;

/// <summary>A record header: a UTF-8 key and an optional byte value.</summary>
public interface IHeader
{
    /// <summary>The header key.</summary>
    string Key { get; }

    /// <summary>The header value; null is a legal value.</summary>
    byte[]? GetValueBytes();
}
