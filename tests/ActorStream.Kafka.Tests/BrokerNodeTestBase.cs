using System.Buffers.Binary;
using System.Net.Sockets;
using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Broker.Topics;
using ActorStream.Configuration;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;
using Microsoft.Extensions.Logging;

namespace ActorStream.Kafka.Tests;

/// <summary>
/// One broker node in process (actor system with the in-memory journal, <see cref="BrokerServices"/>,
/// every handler, a listener on loopback) and a client connection speaking the protocol codecs.
/// </summary>
public abstract class BrokerNodeTestBase : IAsyncLifetime
{
    protected const int NodeId = 3;

    private int _correlationId;

    protected ActorSystem ActorSystem { get; private set; } = null!;

    protected BrokerServices Broker { get; private set; } = null!;

    protected KafkaListener Listener { get; private set; } = null!;

    protected TcpClient Client { get; private set; } = null!;

    protected virtual BrokerSettings Settings => BrokerSettings.Default;

    /// <summary>How long idle group coordinators stay in memory; null for the default.</summary>
    protected virtual TimeSpan? GroupIdleTimeout => null;

    /// <summary>The actor system's configuration (journal plugins …); null for the in-memory defaults.</summary>
    protected virtual Config? SystemConfig => null;

    /// <summary>Partition settings not derived from topic configs; null for the defaults.</summary>
    protected virtual PartitionConfig? PartitionDefaults => null;

    /// <summary>The listener's settings; it always binds 127.0.0.1 on a free port.</summary>
    protected virtual KafkaListenerSettings ListenerSettings => KafkaListenerSettings.Default;

    /// <summary>Where the actor system, the dispatcher and the listener log; null keeps actor logs on the event stream only.</summary>
    protected virtual ILoggerFactory? LoggerFactory => null;

    public Task InitializeAsync() => StartNodeAsync();

    /// <summary>Stops the node (client, listener, actor system) and starts it again on the same configuration.</summary>
    protected async Task RestartNodeAsync()
    {
        await StopNodeAsync();
        await StartNodeAsync();
    }

    private async Task StartNodeAsync()
    {
        var setup = BootstrapSetup.Create();
        if (SystemConfig is { } config)
        {
            setup = setup.WithConfig(config);
        }

        if (LoggerFactory is { } loggerFactory)
        {
            setup = setup.WithLoggerFactory(loggerFactory);
        }

        ActorSystem = ActorSystem.Create("spec-" + Guid.NewGuid().ToString("N"), setup);
        Broker = BrokerServices.Start(ActorSystem, Settings, NodeId, "spec-cluster", partitionDefaults: PartitionDefaults, groupIdleTimeout: GroupIdleTimeout);
        var dispatcher = new KafkaRequestDispatcher(KafkaHandlers.All(Broker), LoggerFactory?.CreateLogger<KafkaRequestDispatcher>());
        Listener = new KafkaListener(ListenerSettings with { Host = "127.0.0.1", Port = 0 }, dispatcher, LoggerFactory);
        Listener.Start();
        Broker.Advertise(Listener.AdvertisedHost, Listener.AdvertisedPort);
        Client = new TcpClient();
        await Client.ConnectAsync(Listener.EndPoint);
    }

    public virtual Task DisposeAsync() => StopNodeAsync();

    private async Task StopNodeAsync()
    {
        Client.Dispose();
        await Listener.DisposeAsync();
        await ActorSystem.Terminate();
    }

    /// <summary>Sends a request and reads its response.</summary>
    protected async Task<TResponse> RequestAsync<TResponse>(ApiKey apiKey, short version, IKafkaMessage body)
        where TResponse : IKafkaResponse
    {
        var correlationId = await SendAsync(apiKey, version, body);
        var response = KafkaFrame.ReadResponse(await ReceiveFrameAsync(), apiKey, version, out var header);
        Assert.Equal(correlationId, header.CorrelationId);
        return (TResponse)response;
    }

    /// <summary>Sends a request without reading anything; returns its correlation id.</summary>
    protected async Task<int> SendAsync(ApiKey apiKey, short version, IKafkaMessage body)
    {
        var correlationId = Interlocked.Increment(ref _correlationId);
        using var output = new PooledBufferWriter();
        KafkaFrame.WriteRequest(output, new RequestHeader(apiKey, version, correlationId, "spec"), body);
        await Client.GetStream().WriteAsync(output.WrittenMemory);
        return correlationId;
    }

    protected async Task<byte[]> ReceiveFrameAsync()
    {
        var stream = Client.GetStream();
        var size = new byte[4];
        await stream.ReadExactlyAsync(size).AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(frame).AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        return frame;
    }

    /// <summary>A record batch of <paramref name="count"/> records with values "{prefix}-{i}".</summary>
    protected static byte[] Batch(string prefix, int count, long timestamp = 1_700_000_000_000)
    {
        using var builder = new RecordBatchBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(timestamp + i, null, System.Text.Encoding.UTF8.GetBytes($"{prefix}-{i}"));
        }

        return builder.Build();
    }

    protected async Task<MetadataResponse> MetadataAsync(short version, params string[] topics)
    {
        var request = new MetadataRequest { Topics = [], AllowAutoTopicCreation = true };
        foreach (var topic in topics)
        {
            request.Topics.Add(new MetadataRequest.MetadataRequestTopic { Name = topic });
        }

        return await RequestAsync<MetadataResponse>(ApiKey.Metadata, version, request);
    }

    protected async Task<ProduceResponse.PartitionProduceResponse?> ProduceAsync(string topic, int partition, byte[] records, short acks = -1, short version = 9)
    {
        var request = new ProduceRequest { Acks = acks, TimeoutMs = 5000 };
        request.TopicData.Add(new ProduceRequest.TopicProduceData
        {
            Name = topic,
            PartitionData = [new ProduceRequest.PartitionProduceData { Index = partition, Records = records }],
        });
        if (acks == 0)
        {
            await SendAsync(ApiKey.Produce, version, request);
            return null;
        }

        var response = await RequestAsync<ProduceResponse>(ApiKey.Produce, version, request);
        return Assert.Single(Assert.Single(response.Responses).PartitionResponses);
    }

    protected async Task<FetchResponse.PartitionData> FetchAsync(string topic, int partition, long offset, int maxWaitMs = 0, int minBytes = 0, short version = 12)
    {
        var request = new FetchRequest { MaxWaitMs = maxWaitMs, MinBytes = minBytes, MaxBytes = 1 << 20 };
        request.Topics.Add(new FetchRequest.FetchTopic
        {
            Topic = topic,
            Partitions = [new FetchRequest.FetchPartition { Partition = partition, FetchOffset = offset, PartitionMaxBytes = 1 << 20 }],
        });
        var response = await RequestAsync<FetchResponse>(ApiKey.Fetch, version, request);
        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        return Assert.Single(Assert.Single(response.Responses).Partitions);
    }

    protected static List<RecordBatch> Batches(ReadOnlyMemory<byte>? records)
    {
        var batches = new List<RecordBatch>();
        var remaining = records ?? ReadOnlyMemory<byte>.Empty;
        while (RecordBatch.TryReadNext(ref remaining, out var batch) == RecordBatchReadResult.Batch)
        {
            batches.Add(batch);
        }

        return batches;
    }
}
