using System.Diagnostics;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Node.Tests.Support;

namespace ActorStream.Node.Tests;

public sealed partial class NodeHostTests
{
    private static readonly TimeSpan s_shutdownDeadline = TimeSpan.FromSeconds(15);

    /// <summary>
    /// SIGTERM twice: once idle but with a client's long-poll Fetch waiting on the node, once while a producer is
    /// sending. Each time the node exits 0 within the deadline (the long poll ends too, answered or closed),
    /// and after a restart every acknowledged record is at its offset, byte-exact, exactly once. After the idle
    /// stop the log holds exactly the acknowledged records.
    /// </summary>
    [Fact]
    public async Task RunAsync_Sigterm_ExitsZeroAndRestartServesEveryAcknowledgedRecord()
    {
        const string topic = "graceful";
        const int count = 20_000;
        using var dir = new TempDirectory();
        var port = FreePort.Next();
        var node = await NodeProcess.StartAsync(dir.Path, port);
        try
        {
            using (var admin = await KafkaWireClient.ConnectAsync(port))
            {
                await NodeAdmin.CreateTopicAsync(admin, topic, Partitions);
            }

            var first = node;
            Delivery[] idle;
            await using (var producer = PythonProducer.Start(node.Bootstrap, topic, Run(0), count, flush: true))
            {
                var outcome = await producer.WaitForExitAsync(s_clientTimeout, () => "\nnode:\n" + first.Output);
                Assert.Empty(outcome.Errors);
                Assert.Equal(count, outcome.SummaryValue("acked"));
                idle = outcome.Deliveries;
            }

            using var poller = await KafkaWireClient.ConnectAsync(port);
            var poll = new FetchRequest { MaxWaitMs = 60_000, MinBytes = 1, MaxBytes = 1 << 20 };
            poll.Topics.Add(new FetchRequest.FetchTopic
            {
                Topic = topic,
                Partitions = [new FetchRequest.FetchPartition { Partition = 0, FetchOffset = 1_000_000, PartitionMaxBytes = 1 << 20 }],
            });
            var polling = poller.SendAsync(ApiKey.Fetch, 12, poll);
            await polling;
            var stopwatch = Stopwatch.StartNew();
            Assert.Equal(0, await node.TerminateAsync(s_shutdownDeadline));
            output.WriteLine($"idle node with a long poll stopped in {stopwatch.ElapsedMilliseconds} ms");
            Assert.Contains("Stopped.", node.Output, StringComparison.Ordinal);
            Assert.True(await poller.IsClosedByPeerAsync(TimeSpan.FromSeconds(5)), "the long poll's connection outlived the node");

            node = await NodeProcess.StartAsync(dir.Path, port);
            var log = await TopicLog.ReadAsync(port, topic, Partitions);
            log.AssertAcknowledgedPresent(idle);
            Assert.Equal(count, log.RecordCount);

            // Under load: the node stops while requests are in flight.
            var second = node;
            await using (var producer = PythonProducer.Start(node.Bootstrap, topic, Run(1)))
            {
                await producer.WaitForAcksAsync(10_000, s_clientTimeout, () => "\nnode:\n" + second.Output);
                stopwatch.Restart();
                Assert.Equal(0, await node.TerminateAsync(s_shutdownDeadline));
                output.WriteLine($"node under load stopped in {stopwatch.ElapsedMilliseconds} ms");
                await Deadline.UntilAsync(() => producer.AcksWhenDown >= 0, TimeSpan.FromSeconds(30), producer.Describe);
                var outcome = await producer.KillAsync();
                Assert.Empty(outcome.Errors);
                Assert.Equal(producer.AcksWhenDown, outcome.Deliveries.Length);

                node = await NodeProcess.StartAsync(dir.Path, port);
                log = await TopicLog.ReadAsync(port, topic, Partitions);
                log.AssertAcknowledgedPresent([.. idle, .. outcome.Deliveries]);
                var unacknowledged = AssertRoundsStoredExactlyOnce(log, [idle, outcome.Deliveries]);
                output.WriteLine($"{outcome.Deliveries.Length} acknowledged under load; {unacknowledged} stored records were never acknowledged");
            }
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
