using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ActorStream.Node.Tests.Support;
using Xunit.Abstractions;

namespace ActorStream.Node.Tests;

/// <summary>
/// Specs of a whole <c>actorstream node</c> process driven by a real Kafka client (librdkafka through
/// confluent_kafka under /usr/bin/python3): kill -9 mid-stream, SIGTERM, restarts on the same data dir.
/// Every node runs on a loopback port of its own with a temp data dir; its output is part of every failure.
/// </summary>
public sealed partial class NodeHostTests(ITestOutputHelper output)
{
    private const int Partitions = 4;

    private static readonly TimeSpan s_clientTimeout = TimeSpan.FromSeconds(90);

    private static string Run(int round) => "r" + round.ToString(CultureInfo.InvariantCulture);

    /// <summary>What produce.py wrote for a record: its key and its seq header follow from its sequence number.</summary>
    private static void AssertAsSent(LogRecord record, int seq)
    {
        Assert.True(Encoding.ASCII.GetBytes("key-" + (seq % 64).ToString(CultureInfo.InvariantCulture)).AsSpan().SequenceEqual(record.Key), $"@{record.Offset}: key differs");
        var header = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(header, seq);
        Assert.True(record.SeqHeader is not null && header.AsSpan().SequenceEqual(record.SeqHeader), $"@{record.Offset}: seq header differs");
    }
}
