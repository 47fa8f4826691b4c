namespace ActorStream.Node.Tests.Support;

/// <summary>One record as a node served it: its offset, key, value, the "seq" header and its CreateTime timestamp.</summary>
internal sealed record LogRecord(long Offset, byte[] Key, byte[] Value, byte[]? SeqHeader, long Timestamp)
{
    public (string Run, int Seq) Id => ProducedValue.Parse(Value);
}
