namespace ActorStream.Node.Tests.Support;

/// <summary>One acknowledged record as the client's delivery report gave it: where it went and what it was.</summary>
internal sealed record Delivery(int Partition, long Offset, byte[] Key, byte[] Value, long Timestamp)
{
    /// <summary>The run and sequence number the producer wrote at the front of the value ("run:seq:...").</summary>
    public (string Run, int Seq) Id => ProducedValue.Parse(Value);
}
