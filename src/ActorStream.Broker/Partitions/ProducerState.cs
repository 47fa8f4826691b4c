namespace ActorStream.Broker.Partitions;

/// <summary>
/// What the leader remembers of one idempotent producer (Kafka's ProducerStateEntry): its epoch
/// and its last <see cref="MaxEntries"/> batches, oldest first. Not thread-safe (owned by one actor).
/// </summary>
internal sealed class ProducerState
{
    /// <summary>How many batches are remembered for duplicate detection (Kafka: 5 in flight).</summary>
    public const int MaxEntries = 5;

    private readonly ProducerBatchEntry[] _entries = new ProducerBatchEntry[MaxEntries];
    private int _start;

    public ProducerState(long producerId, short epoch)
    {
        ProducerId = producerId;
        Epoch = epoch;
    }

    public long ProducerId { get; }

    public short Epoch { get; private set; }

    public int Count { get; private set; }

    /// <summary>The entry at <paramref name="index"/> (0 = oldest).</summary>
    public ProducerBatchEntry this[int index] => _entries[(_start + index) % MaxEntries];

    /// <summary>The last sequence stored, or -1 when nothing is remembered.</summary>
    public int LastSequence => Count == 0 ? -1 : this[Count - 1].LastSequence;

    /// <summary>Records a stored batch; a new epoch forgets the old epoch's batches.</summary>
    public void Add(short epoch, ProducerBatchEntry entry)
    {
        if (epoch != Epoch)
        {
            Epoch = epoch;
            Count = 0;
            _start = 0;
        }

        if (Count == MaxEntries)
        {
            _entries[_start] = entry;
            _start = (_start + 1) % MaxEntries;
        }
        else
        {
            _entries[(_start + Count) % MaxEntries] = entry;
            Count++;
        }
    }

    /// <summary>The base offset of a remembered batch with exactly this sequence range, or -1.</summary>
    public long FindDuplicate(int firstSequence, int lastSequence)
    {
        for (var i = 0; i < Count; i++)
        {
            var e = this[i];
            if (e.FirstSequence == firstSequence && e.LastSequence == lastSequence)
            {
                return e.BaseOffset;
            }
        }

        return -1;
    }
}
