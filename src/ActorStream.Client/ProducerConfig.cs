using ActorStream.Client.Configuration;

namespace ActorStream.Client;

/// <summary>
/// Producer settings, keyed by the Java producer's property names. See <see cref="ClientConfig"/>
/// for how properties are set and validated. Not thread-safe; <see cref="ProducerBuilder{TKey,TValue}"/> copies it.
/// </summary>
public sealed class ProducerConfig : ClientConfig
{
    /// <summary>Creates an empty producer configuration.</summary>
    public ProducerConfig()
        : base(ConfigDefinitions.Producer)
    {
    }

    /// <summary>Creates a producer configuration from property names and values.</summary>
    /// <param name="config">The properties; every key must be known.</param>
    public ProducerConfig(IEnumerable<KeyValuePair<string, string>> config)
        : base(ConfigDefinitions.Producer) => SetAll(config);

    /// <summary>Replicas that must acknowledge a record (<c>acks</c>, all).</summary>
    public Acks? Acks
    {
        get => Get("acks") switch
        {
            null => null,
            "0" => Client.Acks.None,
            "1" => Client.Acks.Leader,
            _ => Client.Acks.All,
        };
        set => Set("acks", value switch
        {
            null => null,
            Client.Acks.None => "0",
            Client.Acks.Leader => "1",
            _ => "all",
        });
    }

    /// <summary>How long a batch waits for more records before it is sent (<c>linger.ms</c>, 5).</summary>
    public long? LingerMs
    {
        get => GetLong("linger.ms");
        set => Set("linger.ms", value);
    }

    /// <summary>Target size of a record batch in bytes; larger records get a batch of their own (<c>batch.size</c>, 16384).</summary>
    public int? BatchSize
    {
        get => GetInt("batch.size");
        set => Set("batch.size", value);
    }

    /// <summary>Bytes of records the producer may hold before produce calls block (<c>buffer.memory</c>, 33554432).</summary>
    public long? BufferMemory
    {
        get => GetLong("buffer.memory");
        set => Set("buffer.memory", value);
    }

    /// <summary>How long a produce call may wait for metadata or buffer space before it throws (<c>max.block.ms</c>, 60000).</summary>
    public long? MaxBlockMs
    {
        get => GetLong("max.block.ms");
        set => Set("max.block.ms", value);
    }

    /// <summary>Upper bound on the time from a produce call to its delivery report, retries included (<c>delivery.timeout.ms</c>, 120000).</summary>
    public int? DeliveryTimeoutMs
    {
        get => GetInt("delivery.timeout.ms");
        set => Set("delivery.timeout.ms", value);
    }

    /// <summary>
    /// Exactly one copy of each record per partition, in order, despite retries (<c>enable.idempotence</c>, true).
    /// Requires acks=all, retries &gt; 0 and max.in.flight.requests.per.connection ≤ 5; when left unset and
    /// those settings conflict, idempotence is switched off instead of failing, as in the Java client.
    /// </summary>
    public bool? EnableIdempotence
    {
        get => GetBool("enable.idempotence");
        set => Set("enable.idempotence", value);
    }

    /// <summary>Produce requests per broker connection awaiting a response (<c>max.in.flight.requests.per.connection</c>, 5).</summary>
    public int? MaxInFlightRequestsPerConnection
    {
        get => GetInt("max.in.flight.requests.per.connection");
        set => Set("max.in.flight.requests.per.connection", value);
    }

    /// <summary>Retries of a failed batch within delivery.timeout.ms (<c>retries</c>, 2147483647).</summary>
    public int? Retries
    {
        get => GetInt("retries");
        set => Set("retries", value);
    }

    /// <summary>Compression of record batches (<c>compression.type</c>, none); only none and gzip are available.</summary>
    public CompressionType? CompressionType
    {
        get => Get("compression.type") is { } v ? Enum.Parse<CompressionType>(v, ignoreCase: true) : null;
        set => Set("compression.type", value?.ToString().ToLowerInvariant());
    }

    /// <summary>Largest produce request, and so the largest record (<c>max.request.size</c>, 1048576).</summary>
    public int? MaxRequestSize
    {
        get => GetInt("max.request.size");
        set => Set("max.request.size", value);
    }

    /// <summary>Partition keyed records like null-key ones (sticky) instead of by key hash (<c>partitioner.ignore.keys</c>, false).</summary>
    public bool? PartitionerIgnoreKeys
    {
        get => GetBool("partitioner.ignore.keys");
        set => Set("partitioner.ignore.keys", value);
    }

    /// <summary>Metadata of a topic not produced to for this long is no longer refreshed (<c>metadata.max.idle.ms</c>, 300000).</summary>
    public long? MetadataMaxIdleMs
    {
        get => GetLong("metadata.max.idle.ms");
        set => Set("metadata.max.idle.ms", value);
    }

    /// <summary>The acks value as sent on the wire (-1, 0 or 1).</summary>
    internal short AcksOrDefault => GetOrDefault("acks") switch
    {
        "0" => 0,
        "1" => 1,
        _ => -1,
    };

    internal CompressionType CompressionOrDefault => Enum.Parse<CompressionType>(GetOrDefault("compression.type")!, ignoreCase: true);
}
