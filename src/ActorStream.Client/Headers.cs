using System.Collections;

namespace ActorStream.Client;

/// <summary>
/// The ordered headers of a record; keys may repeat. Not thread-safe: build it, then hand it to
/// the producer and leave it alone until the delivery completes.
/// </summary>
public sealed class Headers : IEnumerable<IHeader>
{
    private readonly List<IHeader> _headers = [];

    /// <summary>Number of headers.</summary>
    public int Count => _headers.Count;

    /// <summary>The header at <paramref name="index"/>.</summary>
    /// <param name="index">Position, 0-based.</param>
    public IHeader this[int index] => _headers[index];

    /// <summary>Appends a header.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value; null is legal.</param>
    public void Add(string key, byte[]? value) => _headers.Add(new Header(key, value));

    /// <summary>Appends a header.</summary>
    /// <param name="header">The header.</param>
    public void Add(IHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _headers.Add(header);
    }

    /// <summary>Removes every header with <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    public void Remove(string key) => _headers.RemoveAll(h => string.Equals(h.Key, key, StringComparison.Ordinal));

    /// <summary>The value of the last header with <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="lastHeader">The value (may be null).</param>
    /// <returns>False if no header has the key.</returns>
    public bool TryGetLastBytes(string key, out byte[]? lastHeader)
    {
        for (var i = _headers.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_headers[i].Key, key, StringComparison.Ordinal))
            {
                lastHeader = _headers[i].GetValueBytes();
                return true;
            }
        }

        lastHeader = null;
        return false;
    }

    /// <summary>The value of the last header with <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> if there is none.</summary>
    /// <param name="key">The key.</param>
    public byte[]? GetLastBytes(string key) =>
        TryGetLastBytes(key, out var value) ? value : throw new KeyNotFoundException($"No header with key '{key}'.");

    /// <summary>Enumerates the headers in order.</summary>
    public List<IHeader>.Enumerator GetEnumerator() => _headers.GetEnumerator();

    IEnumerator<IHeader> IEnumerable<IHeader>.GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _headers.GetEnumerator();
}
