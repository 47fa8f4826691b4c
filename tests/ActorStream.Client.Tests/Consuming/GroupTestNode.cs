using ActorStream.Actor;
using ActorStream.Broker.Topics;
using ActorStream.Client.Network;
using ActorStream.Configuration;
using ActorStream.Kafka;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Tests.Consuming;

/// <summary>
/// One broker node in process for the consumer specs: actor system with the in-memory journal, every
/// Kafka handler, a listener on 127.0.0.1:0, and group settings for fast rebalances
/// (group.initial.rebalance.delay.ms = 0, short session timeouts allowed). Creates topics, produces
/// records and builds consumers for the specs.
/// </summary>
public sealed class GroupTestNode : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];
    private IProducer<string, string>? _producer;

    private GroupTestNode(ActorSystem system, KafkaListener listener)
    {
        System = system;
        Listener = listener;
    }

    public ActorSystem System { get; }

    public KafkaListener Listener { get; }

    public string BootstrapServers => $"127.0.0.1:{Listener.AdvertisedPort}";

    public static Task<GroupTestNode> StartAsync()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""
            actorstream.broker {
              "group.initial.rebalance.delay.ms" = 0
              "group.min.session.timeout.ms" = 100
            }
            """));
        var system = ActorSystem.Create("consumer-spec-" + Guid.NewGuid().ToString("N"));
        var broker = BrokerServices.Start(system, settings, 1, "consumer-spec-cluster");
        var listener = new KafkaListener(KafkaListenerSettings.Default with { Host = "127.0.0.1", Port = 0 }, new KafkaRequestDispatcher(KafkaHandlers.All(broker)));
        listener.Start();
        broker.Advertise(listener.AdvertisedHost, listener.AdvertisedPort);
        return Task.FromResult(new GroupTestNode(system, listener));
    }

    /// <summary>Creates a topic and waits until every partition has a leader.</summary>
    public async Task CreateTopicAsync(string topic, int partitions)
    {
        await using var cluster = new KafkaCluster(new NetworkSettings
        {
            BootstrapServers = Network.BootstrapServers.Parse(BootstrapServers),
            ClientId = "spec-admin",
        });
        var response = await cluster.SendToControllerAsync<CreateTopicsResponse>(ApiKey.CreateTopics, _ => new CreateTopicsRequest
        {
            Topics = [new CreateTopicsRequest.CreatableTopic { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 }],
            timeoutMs = 10_000,
        });
        Assert.Equal(0, Assert.Single(response.Topics).ErrorCode);
        await Eventually.TrueAsync(async () =>
        {
            var metadata = await cluster.RefreshMetadataAsync([topic]);
            return metadata.TryGetTopic(topic, out var info) && info.IsUsable && info.PartitionCount == partitions && info.AvailablePartitions.Length == partitions;
        }, $"topic {topic} with {partitions} led partitions");
    }

    /// <summary>Produces <paramref name="count"/> records "{prefix}-{i}" (key "k{i}", header "seq") to one partition.</summary>
    public async Task ProduceAsync(string topic, int partition, int count, string prefix = "v")
    {
        _producer ??= new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            LingerMs = 1,
            EnableIdempotence = false,
        }).Build();
        for (var i = 0; i < count; i++)
        {
            // One at a time: the specs check offsets against values.
            var headers = new Headers { { "seq", BitConverter.GetBytes(i) } };
            await _producer.ProduceAsync(new TopicPartition(topic, partition), new Message<string, string>
            {
                Key = "k" + i,
                Value = $"{prefix}-{i}",
                Headers = headers,
                Timestamp = new Timestamp(1_700_000_000_000 + i, TimestampType.CreateTime),
            });
        }
    }

    public ConsumerConfig Config(string? groupId, Action<ConsumerConfig>? configure = null)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6_000,
            HeartbeatIntervalMs = 100,
            MaxPollIntervalMs = 20_000,
            FetchMaxWaitMs = 100,
            EnableAutoCommit = false,
        };
        configure?.Invoke(config);
        return config;
    }

    /// <summary>Registers something to dispose with the node (consumers the spec did not close).</summary>
    public T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _owned)
        {
            disposable.Dispose();
        }

        _producer?.Dispose();
        await Listener.DisposeAsync();
        await System.Terminate();
    }
}
