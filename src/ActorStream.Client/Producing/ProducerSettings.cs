using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client.Producing;

/// <summary>The producer's resolved and validated settings. Immutable.</summary>
internal sealed record ProducerSettings
{
    public short Acks { get; init; } = -1;

    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(5);

    public int BatchSize { get; init; } = 16_384;

    public long BufferMemory { get; init; } = 33_554_432;

    public TimeSpan MaxBlock { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool Idempotent { get; init; } = true;

    /// <summary>enable.idempotence was set explicitly (then a broker without InitProducerId is an error, not a fallback).</summary>
    public bool IdempotenceRequired { get; init; }

    public int MaxInFlight { get; init; } = 5;

    public int Retries { get; init; } = int.MaxValue;

    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryBackoffMax { get; init; } = TimeSpan.FromSeconds(1);

    public CompressionCodec Compression { get; init; } = CompressionCodec.None;

    public int MaxRequestSize { get; init; } = 1_048_576;

    public bool IgnoreKeys { get; init; }

    public TimeSpan MetadataMaxIdle { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Resolves <paramref name="config"/>, applying the Java client's rules: an explicitly enabled
    /// idempotent producer needs acks=all, retries &gt; 0 and at most 5 requests in flight (else
    /// <see cref="ArgumentException"/>); when idempotence is only the default, such settings switch it
    /// off instead. delivery.timeout.ms must be at least linger.ms + request.timeout.ms.
    /// </summary>
    public static ProducerSettings From(ProducerConfig config)
    {
        var compression = config.CompressionOrDefault;
        if (compression is not (CompressionType.None or CompressionType.Gzip))
        {
            throw new NotSupportedException(
                $"compression.type={compression.ToString().ToLowerInvariant()} is not available in this client; use none or gzip.");
        }

        var acks = config.AcksOrDefault;
        var retries = config.GetIntOrDefault("retries");
        var maxInFlight = config.GetIntOrDefault("max.in.flight.requests.per.connection");
        var explicitIdempotence = config.IsSet("enable.idempotence");
        var idempotent = config.GetBoolOrDefault("enable.idempotence");
        if (idempotent)
        {
            string? conflict = acks != -1 ? "acks must be all (-1)"
                : retries == 0 ? "retries must be greater than 0"
                : maxInFlight > 5 ? "max.in.flight.requests.per.connection must be at most 5"
                : null;
            if (conflict is not null)
            {
                if (explicitIdempotence)
                {
                    throw new ArgumentException($"enable.idempotence=true is set, but {conflict} for the idempotent producer.");
                }

                idempotent = false;
            }
        }

        var linger = config.GetLongOrDefault("linger.ms");
        var requestTimeout = config.GetIntOrDefault("request.timeout.ms");
        var deliveryTimeout = config.GetIntOrDefault("delivery.timeout.ms");
        if (deliveryTimeout < linger + requestTimeout)
        {
            throw new ArgumentException(
                $"delivery.timeout.ms ({deliveryTimeout}) must be at least linger.ms ({linger}) + request.timeout.ms ({requestTimeout}).");
        }

        return new ProducerSettings
        {
            Acks = acks,
            Linger = TimeSpan.FromMilliseconds(linger),
            BatchSize = config.GetIntOrDefault("batch.size"),
            BufferMemory = config.GetLongOrDefault("buffer.memory"),
            MaxBlock = TimeSpan.FromMilliseconds(config.GetLongOrDefault("max.block.ms")),
            DeliveryTimeout = TimeSpan.FromMilliseconds(deliveryTimeout),
            RequestTimeout = TimeSpan.FromMilliseconds(requestTimeout),
            Idempotent = idempotent,
            IdempotenceRequired = idempotent && explicitIdempotence,
            MaxInFlight = maxInFlight,
            Retries = retries,
            RetryBackoff = TimeSpan.FromMilliseconds(config.GetLongOrDefault("retry.backoff.ms")),
            RetryBackoffMax = TimeSpan.FromMilliseconds(Math.Max(config.GetLongOrDefault("retry.backoff.max.ms"), config.GetLongOrDefault("retry.backoff.ms"))),
            Compression = compression == CompressionType.Gzip ? CompressionCodec.Gzip : CompressionCodec.None,
            MaxRequestSize = config.GetIntOrDefault("max.request.size"),
            IgnoreKeys = config.GetBoolOrDefault("partitioner.ignore.keys"),
            MetadataMaxIdle = TimeSpan.FromMilliseconds(config.GetLongOrDefault("metadata.max.idle.ms")),
        };
    }
}
