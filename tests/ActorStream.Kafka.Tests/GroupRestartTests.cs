using ActorStream.Actor;
using ActorStream.Broker.Topics;
using ActorStream.Configuration;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Tests;

/// <summary>
/// Committed offsets and the group list across a restart of the actor system over SQLite journal and
/// snapshot files in a temporary directory: a node is stopped and a new one started on the same files.
/// </summary>
public sealed class GroupRestartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstream-groups-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's pool may still hold the files for a moment; the OS temp dir cleans up.
        }
    }

    [Fact]
    public async Task OffsetsAndListGroups_NodeRestart_SurviveInSqlite()
    {
        await using (var first = await Node.StartAsync(_directory))
        {
            using var client = await first.ConnectAsync("first");
            await client.CreateTopicAsync("t", 2);

            // "members": a consumer that joined, committed and left (Empty, with offsets).
            var join = await client.JoinNewAsync("members");
            Assert.Equal((short)ErrorCode.None, (await client.SyncAsync("members", join.MemberId, 1, (join.MemberId, [1]))).ErrorCode);
            Assert.Equal((short)ErrorCode.None, Assert.Single(Assert.Single((await client.CommitAsync("members", join.MemberId, 1, "t", 1, 21)).Topics).Partitions).ErrorCode);
            Assert.Equal((short)ErrorCode.None, await client.LeaveAsync("members", join.MemberId));

            // "simple": offsets committed without group management.
            Assert.Equal((short)ErrorCode.None, Assert.Single(Assert.Single((await client.CommitAsync("simple", string.Empty, -1, "t", 0, 7, version: 2)).Topics).Partitions).ErrorCode);

            // "doomed": committed, then deleted.
            await client.CommitAsync("doomed", string.Empty, -1, "t", 0, 1);
            Assert.Equal((short)ErrorCode.None, Assert.Single((await client.DeleteAsync("doomed")).Results).ErrorCode);
        }

        await using (var second = await Node.StartAsync(_directory))
        {
            using var client = await second.ConnectAsync("second");

            var listed = await client.ListAsync();

            var groups = listed.Groups.ConvertAll(g => (g.GroupId, g.GroupState, g.ProtocolType));
            groups.Sort();
            Assert.Equal([("members", "Empty", "consumer"), ("simple", "Empty", string.Empty)], groups);
            Assert.Equal(21, await client.CommittedAsync("members", "t", 1));
            Assert.Equal(-1, await client.CommittedAsync("members", "t", 0));
            Assert.Equal(7, await client.CommittedAsync("simple", "t", 0));
            Assert.Equal(-1, await client.CommittedAsync("doomed", "t", 0));

            // A consumer resuming after the restart starts from its committed offset.
            // (Generation 1 was the consumer's, 2 the rebalance that emptied the group when it left.)
            var join = await client.JoinNewAsync("members");
            Assert.Equal(3, join.GenerationId);
            Assert.Equal((short)ErrorCode.None, (await client.SyncAsync("members", join.MemberId, 3, (join.MemberId, [1]))).ErrorCode);
            Assert.Equal(21, await client.CommittedAsync("members", "t", 1));
            Assert.Equal((short)ErrorCode.None, Assert.Single((await client.DeleteAsync("simple")).Results).ErrorCode);
        }

        await using (var third = await Node.StartAsync(_directory))
        {
            using var client = await third.ConnectAsync("third");

            var listed = await client.ListAsync();

            var group = Assert.Single(listed.Groups);
            Assert.Equal("members", group.GroupId);
            Assert.Equal(-1, await client.CommittedAsync("simple", "t", 0));
        }
    }

    /// <summary>A node over the SQLite files of one directory: actor system, broker services, listener.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly ActorSystem _system;
        private readonly KafkaListener _listener;

        private Node(ActorSystem system, KafkaListener listener)
        {
            _system = system;
            _listener = listener;
        }

        public static Task<Node> StartAsync(string directory)
        {
            var config = ConfigurationFactory.ParseString($$"""
                actorstream.persistence {
                  journal.plugin = "actorstream.persistence.journal.sqlite"
                  journal.sqlite.data-source = "{{Path.Combine(directory, "journal.db").Replace("\\", "/", StringComparison.Ordinal)}}"
                  snapshot-store.plugin = "actorstream.persistence.snapshot-store.sqlite"
                  snapshot-store.sqlite.data-source = "{{Path.Combine(directory, "snapshots.db").Replace("\\", "/", StringComparison.Ordinal)}}"
                }
                actorstream.broker { "group.initial.rebalance.delay.ms" = 0 }
                """);
            var system = ActorSystem.Create("restart-" + Guid.NewGuid().ToString("N"), config);
            var broker = BrokerServices.Start(system, BrokerSettings.FromConfig(config), 1, "restart-cluster");
            var listener = new KafkaListener(KafkaListenerSettings.Default with { Host = "127.0.0.1", Port = 0 }, new KafkaRequestDispatcher(KafkaHandlers.All(broker)));
            listener.Start();
            broker.Advertise(listener.AdvertisedHost, listener.AdvertisedPort);
            return Task.FromResult(new Node(system, listener));
        }

        public Task<GroupTestClient> ConnectAsync(string clientId) => GroupTestClient.OpenAsync(_listener.EndPoint, clientId);

        public async ValueTask DisposeAsync()
        {
            await _listener.DisposeAsync();
            await _system.Terminate();
        }
    }
}
