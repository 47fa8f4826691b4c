using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ActorStream.Configuration;

/// <summary>
/// A HOCON object: string keys (ordinal) in definition order. Immutable once parsing has finished; the
/// parser alone fills objects it has just created.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "HOCON calls it an object.")]
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly Dictionary<string, HoconValue> _fields;
    private int _resolvedState; // 0 = unknown, 1 = resolved, 2 = unresolved

    public HoconObject()
    {
        _fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
    }

    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields)
    {
        _fields = new Dictionary<string, HoconValue>(fields, StringComparer.Ordinal);
    }

    internal HoconObject(Dictionary<string, HoconValue> fields, bool takeOwnership)
    {
        _fields = takeOwnership ? fields : new Dictionary<string, HoconValue>(fields, StringComparer.Ordinal);
    }

    public static HoconObject EmptyObject { get; } = new();

    public override HoconValueType Type => HoconValueType.Object;

    public int Count => _fields.Count;

    public IEnumerable<string> Keys => _fields.Keys;

    public IEnumerable<HoconValue> Values => _fields.Values;

    public HoconValue this[string key] => _fields[key];

    internal Dictionary<string, HoconValue> Fields => _fields;

    internal override bool IsResolved
    {
        get
        {
            if (_resolvedState == 0)
            {
                var resolved = true;
                foreach (var value in _fields.Values)
                {
                    if (!value.IsResolved)
                    {
                        resolved = false;
                        break;
                    }
                }

                _resolvedState = resolved ? 1 : 2;
            }

            return _resolvedState == 1;
        }
    }

    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _fields.TryGetValue(key, out value);

    /// <summary>Looks a key up without allocating a string for it.</summary>
    internal bool TryGetValue(ReadOnlySpan<char> key, [MaybeNullWhen(false)] out HoconValue value) =>
        _fields.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out value);

    /// <summary>Parse-time only: sets a field on an object the parser owns.</summary>
    internal void SetField(string key, HoconValue value)
    {
        _fields[key] = value;
        _resolvedState = 0;
    }

    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(HoconValue? other)
    {
        if (other is not HoconObject o || o._fields.Count != _fields.Count)
        {
            return false;
        }

        foreach (var (key, value) in _fields)
        {
            if (!o._fields.TryGetValue(key, out var otherValue) || !value.Equals(otherValue))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in _fields)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value.GetHashCode());
        }

        return hash;
    }
}
