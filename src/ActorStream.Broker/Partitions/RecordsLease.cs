namespace ActorStream.Broker.Partitions;

/// <summary>
/// References to the <see cref="RecordsBuffer"/>s behind the batches of a
/// <see cref="PartitionProtocol.FetchResult"/>: they stay unchanged until the lease is disposed
/// (once; later calls do nothing). Thread-safe.
/// </summary>
internal sealed class RecordsLease : IDisposable
{
    private RecordsBuffer[]? _buffers;

    public RecordsLease(RecordsBuffer[] buffers) => _buffers = buffers;

    public void Dispose()
    {
        var buffers = Interlocked.Exchange(ref _buffers, null);
        if (buffers is null)
        {
            return;
        }

        foreach (var buffer in buffers)
        {
            buffer.Dispose();
        }
    }
}
