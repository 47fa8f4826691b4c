namespace ActorStream.Configuration;

/// <summary>A HOCON array. Immutable.</summary>
public sealed class HoconArray : HoconValue
{
    private readonly HoconValue[] _items;
    private readonly bool _resolved;

    public HoconArray(IEnumerable<HoconValue> items)
    {
        _items = [.. items];
        _resolved = true;
        foreach (var item in _items)
        {
            if (!item.IsResolved)
            {
                _resolved = false;
                break;
            }
        }
    }

    public IReadOnlyList<HoconValue> Items => _items;

    public int Count => _items.Length;

    public HoconValue this[int index] => _items[index];

    public override HoconValueType Type => HoconValueType.Array;

    internal override bool IsResolved => _resolved;

    public override bool Equals(HoconValue? other)
    {
        if (other is not HoconArray a || a._items.Length != _items.Length)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(a._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item.GetHashCode());
        }

        return hash.ToHashCode();
    }
}
