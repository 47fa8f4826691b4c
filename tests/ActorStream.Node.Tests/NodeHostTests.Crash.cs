using ActorStream.Node.Tests.Support;

namespace ActorStream.Node.Tests;

public sealed partial class NodeHostTests
{
    /// <summary>
    /// kill -9 of the node while a producer (acks=1, keyed, four partitions) is sending, four times at different
    /// points (once the client has 1,000 records, acknowledged or not, then after 2,000, 15,000 and 40,000
    /// acknowledgements), each followed by a restart on
    /// the same data dir and port and a read of the whole topic through the protocol codecs. After every restart:
    /// <list type="bullet">
    /// <item>every acknowledged record is at its acknowledged offset, byte-exact (key, value, header, timestamp),
    /// and no two acknowledgements claim one offset;</item>
    /// <item>every stored record is one the producers sent, byte-exact, and none is stored twice. Stricter than
    /// at-least-once on purpose: each round's producer is killed before the node restarts, so a request whose
    /// response died with the node is never retried against a live node and retries cannot add copies;</item>
    /// <item>per partition the rounds follow each other; inside a round, sequence numbers increase with the
    /// offset (one connection, no retry) and every acknowledged record precedes every unacknowledged one
    /// (a batch is acknowledged once durable, and one connection's responses are ordered);</item>
    /// <item>every served batch is a whole v2 batch whose CRC-32C matches.</item>
    /// </list>
    /// Records that were in flight at the kill may or may not be stored; how many were is reported.
    /// </summary>
    [Fact]
    public async Task RunAsync_KilledMidProduceFourTimes_KeepsEveryAcknowledgedRecordExactlyOnceInOrder()
    {
        const string topic = "crash";
        (int Acks, int Sent)[] killAt = [(0, 1_000), (2_000, 0), (15_000, 0), (40_000, 0)];
        using var dir = new TempDirectory();
        var port = FreePort.Next();
        var node = await NodeProcess.StartAsync(dir.Path, port);
        try
        {
            using (var admin = await KafkaWireClient.ConnectAsync(port))
            {
                await NodeAdmin.CreateTopicAsync(admin, topic, Partitions);
            }

            var rounds = new List<Delivery[]>();
            for (var round = 0; round < killAt.Length; round++)
            {
                var running = node;
                await using var producer = PythonProducer.Start(node.Bootstrap, topic, Run(round));
                await producer.WaitForAcksAsync(killAt[round].Acks, s_clientTimeout, () => "\nnode:\n" + running.Output, killAt[round].Sent);
                Assert.False(producer.HasExited, "the producer must still be sending when the node dies: " + producer.Describe());
                await node.KillAsync();

                // Once the client saw the node go down, it has reported every acknowledgement the node sent.
                await Deadline.UntilAsync(() => producer.AcksWhenDown >= 0, TimeSpan.FromSeconds(30), producer.Describe);
                var outcome = await producer.KillAsync();
                Assert.Empty(outcome.Errors);
                Assert.Equal(producer.AcksWhenDown, outcome.Deliveries.Length);
                rounds.Add(outcome.Deliveries);

                node = await NodeProcess.StartAsync(dir.Path, port);
                var log = await TopicLog.ReadAsync(port, topic, Partitions);
                var unacknowledged = AssertRoundsStoredExactlyOnce(log, rounds);
                output.WriteLine($"round {round}: killed after {outcome.Deliveries.Length} acks; the log holds {log.RecordCount} records, {unacknowledged} of them never acknowledged");
            }
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>
    /// kill -9 while the producer keeps running: the node restarts on the same port and the client delivers all
    /// it had queued, resending the requests whose responses died with the node. Asserts:
    /// <list type="bullet">
    /// <item>the client reports all records delivered, each exactly once, none failed;</item>
    /// <item>every acknowledged record is at its acknowledged offset, byte-exact; every stored record was sent;</item>
    /// <item>at-least-once, nothing more: a record is stored at most twice, and a second copy exists only for a
    /// record that was not acknowledged before the client saw the node go down (its first attempt was in flight);
    /// that copy is never at an acknowledged offset and precedes the acknowledged one.</item>
    /// </list>
    /// Order is not asserted: a producer without idempotence and with several requests in flight may reorder a
    /// partition's records when it resends (Kafka's semantics as well).
    /// </summary>
    [Fact]
    public async Task RunAsync_KilledWhileProducerRidesThrough_DeliversEverythingAndDuplicatesOnlyRetries()
    {
        const string topic = "ride";
        const int count = 60_000;
        using var dir = new TempDirectory();
        var port = FreePort.Next();
        var node = await NodeProcess.StartAsync(dir.Path, port);
        try
        {
            using (var admin = await KafkaWireClient.ConnectAsync(port))
            {
                await NodeAdmin.CreateTopicAsync(admin, topic, Partitions);
            }

            await using var producer = PythonProducer.Start(node.Bootstrap, topic, "ride", count, flush: true);
            var running = node;
            await producer.WaitForAcksAsync(count / 3, s_clientTimeout, () => "\nnode:\n" + running.Output);
            Assert.False(producer.HasExited, "the producer must still be sending when the node dies: " + producer.Describe());
            await node.KillAsync();
            await Deadline.UntilAsync(() => producer.AcksWhenDown >= 0, TimeSpan.FromSeconds(30), producer.Describe);
            var acknowledgedBeforeKill = producer.AcksWhenDown;

            node = await NodeProcess.StartAsync(dir.Path, port);
            var restarted = node;
            var outcome = await producer.WaitForExitAsync(s_clientTimeout, () => "\nnode:\n" + restarted.Output);
            Assert.Empty(outcome.Errors);
            Assert.Equal(count, outcome.SummaryValue("acked"));
            Assert.Equal(0, outcome.SummaryValue("failed"));
            Assert.Equal(count, outcome.Deliveries.Length);

            var ackedAt = new Dictionary<int, Delivery>();
            foreach (var delivery in outcome.Deliveries)
            {
                Assert.True(ackedAt.TryAdd(delivery.Id.Seq, delivery), $"record {delivery.Id} reported twice");
            }

            var log = await TopicLog.ReadAsync(port, topic, Partitions);
            log.AssertAcknowledgedPresent(outcome.Deliveries);
            var acknowledgedEarly = new HashSet<int>();
            for (var i = 0; i < acknowledgedBeforeKill; i++)
            {
                acknowledgedEarly.Add(outcome.Deliveries[i].Id.Seq);
            }

            var copies = new Dictionary<int, int>();
            var duplicated = 0;
            for (var p = 0; p < Partitions; p++)
            {
                foreach (var record in log.Partitions[p])
                {
                    var (run, seq) = record.Id;
                    Assert.Equal("ride", run);
                    AssertAsSent(record, seq);
                    var acked = ackedAt[seq];
                    copies[seq] = copies.GetValueOrDefault(seq) + 1;
                    if (acked.Partition == p && acked.Offset == record.Offset)
                    {
                        continue;
                    }

                    duplicated++;
                    Assert.False(acknowledgedEarly.Contains(seq), $"record {seq} was acknowledged before the kill, yet stored again at {p}@{record.Offset}");
                    Assert.True(acked.Partition == p && record.Offset < acked.Offset, $"the extra copy of {seq} at {p}@{record.Offset} does not precede its acknowledged copy at {acked.Partition}@{acked.Offset}");
                }
            }

            foreach (var (seq, n) in copies)
            {
                Assert.True(n <= 2, $"record {seq} is stored {n} times");
            }

            output.WriteLine($"{acknowledgedBeforeKill} acks before the kill; {count} delivered in all; {log.RecordCount} records stored, {duplicated} of them copies from resent requests");
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>The checks of the four-kill spec over everything so far; returns how many stored records were never acknowledged.</summary>
    private static int AssertRoundsStoredExactlyOnce(TopicLog log, List<Delivery[]> rounds)
    {
        var all = new List<Delivery>();
        var acknowledged = new HashSet<(string, int)>();
        foreach (var round in rounds)
        {
            foreach (var delivery in round)
            {
                all.Add(delivery);
                acknowledged.Add(delivery.Id);
            }
        }

        log.AssertAcknowledgedPresent(all);
        var stored = new HashSet<(string, int)>();
        var unacknowledged = 0;
        for (var p = 0; p < log.Partitions.Count; p++)
        {
            var lastRound = -1;
            var lastSeq = -1;
            var inTail = false;
            foreach (var record in log.Partitions[p])
            {
                var id = record.Id;
                AssertAsSent(record, id.Seq);
                Assert.True(stored.Add(id), $"{id} is stored twice (again at {p}@{record.Offset})");
                var round = int.Parse(id.Run.AsSpan(1), provider: System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(round >= lastRound && round < rounds.Count, $"{p}@{record.Offset}: {id} follows a record of round {lastRound}");
                if (round > lastRound)
                {
                    (lastRound, lastSeq, inTail) = (round, -1, false);
                }

                Assert.True(id.Seq > lastSeq, $"{p}@{record.Offset}: {id} follows sequence number {lastSeq} of its round");
                lastSeq = id.Seq;
                if (!acknowledged.Contains(id))
                {
                    inTail = true;
                    unacknowledged++;
                }
                else
                {
                    Assert.False(inTail, $"{p}@{record.Offset}: acknowledged {id} follows a record of its round that was never acknowledged");
                }
            }
        }

        return unacknowledged;
    }
}
