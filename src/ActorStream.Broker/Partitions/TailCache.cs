namespace ActorStream.Broker.Partitions;

/// <summary>
/// The most recent batches of a partition in offset order (a growable ring), bounded by a bytes
/// budget: the head is evicted once the batches are durable. Lookups are binary searches on the
/// last offset. An entry's <see cref="RecordsBuffer"/> reference is released when the entry leaves.
/// Not thread-safe (owned by one actor).
/// </summary>
internal sealed class TailCache
{
    private CachedBatch[] _items = new CachedBatch[64];
    private int _head;

    public int Count { get; private set; }

    public long Bytes { get; private set; }

    public CachedBatch this[int index] => _items[(_head + index) & (_items.Length - 1)];

    public void Add(in CachedBatch batch)
    {
        if (Count == _items.Length)
        {
            var bigger = new CachedBatch[_items.Length * 2];
            for (var i = 0; i < Count; i++)
            {
                bigger[i] = this[i];
            }

            _items = bigger;
            _head = 0;
        }

        _items[(_head + Count) & (_items.Length - 1)] = batch;
        Count++;
        Bytes += batch.Bytes.Length;
    }

    /// <summary>Index of the first batch whose last offset is &gt;= <paramref name="offset"/>, or <see cref="Count"/>.</summary>
    public int IndexOfOffset(long offset)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (this[mid].LastOffset < offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Drops head batches while over <paramref name="budget"/>, but only those below <paramref name="durableEnd"/>.</summary>
    public void Evict(long budget, long durableEnd)
    {
        while (Count > 0 && Bytes > budget && this[0].LastOffset < durableEnd)
        {
            RemoveHead();
        }
    }

    /// <summary>Drops head batches that end before <paramref name="logStartOffset"/>.</summary>
    public void RemoveBefore(long logStartOffset)
    {
        while (Count > 0 && this[0].LastOffset < logStartOffset)
        {
            RemoveHead();
        }
    }

    /// <summary>Removes the batch starting at <paramref name="baseOffset"/> (a rejected write); rare, so it shifts.</summary>
    public void Remove(long baseOffset)
    {
        var index = IndexOfOffset(baseOffset);
        if (index >= Count || this[index].BaseOffset != baseOffset)
        {
            return;
        }

        var removed = this[index];
        Bytes -= removed.Bytes.Length;
        removed.Buffer?.Dispose();
        for (var i = index; i < Count - 1; i++)
        {
            _items[(_head + i) & (_items.Length - 1)] = this[i + 1];
        }

        _items[(_head + Count - 1) & (_items.Length - 1)] = default;
        Count--;
    }

    public void Clear()
    {
        for (var i = 0; i < Count; i++)
        {
            this[i].Buffer?.Dispose();
        }

        Array.Clear(_items);
        _head = 0;
        Count = 0;
        Bytes = 0;
    }

    private void RemoveHead()
    {
        ref var slot = ref _items[_head];
        Bytes -= slot.Bytes.Length;
        slot.Buffer?.Dispose();
        slot = default;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
    }
}
