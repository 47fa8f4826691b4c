namespace ActorStream.Client.Producing;

/// <summary>
/// The batches of one partition waiting to be sent, oldest first, and the sender's per-partition
/// state. <see cref="Batches"/> is guarded by <see cref="Lock"/> (appenders and the sender); the
/// fields below it belong to the sender loop alone.
/// </summary>
internal sealed class PartitionQueue(string topic, int partition)
{
    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public Lock Lock { get; } = new();

    /// <summary>Open batch last; retries are put back at the front in creation order. Guarded by <see cref="Lock"/>.</summary>
    public LinkedList<ProducerBatch> Batches { get; } = new();

    /// <summary>Batches sent and not yet answered, in send order (sender loop only).</summary>
    public List<ProducerBatch> InFlight { get; } = [];

    /// <summary>The next sequence number of the idempotent producer (sender loop only).</summary>
    public int NextSequence { get; set; }
}
