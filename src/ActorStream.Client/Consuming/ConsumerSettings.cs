using ActorStream.Client.Consuming.Assignors;

namespace ActorStream.Client.Consuming;

/// <summary>The consumer's resolved and validated settings. Immutable.</summary>
internal sealed record ConsumerSettings
{
    public string? GroupId { get; init; }

    public string? GroupInstanceId { get; init; }

    public AutoOffsetReset AutoOffsetReset { get; init; } = AutoOffsetReset.Latest;

    public bool EnableAutoCommit { get; init; } = true;

    public TimeSpan AutoCommitInterval { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxPollRecords { get; init; } = 500;

    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(45);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The assignors, most preferred first.</summary>
    public IReadOnlyList<IPartitionAssignor> Assignors { get; init; } = [new RangeAssignor()];

    /// <summary>True when every assignor supports cooperative rebalancing (KIP-429): then partitions are only revoked when they move.</summary>
    public bool Cooperative { get; init; }

    public int FetchMinBytes { get; init; } = 1;

    public int FetchMaxBytes { get; init; } = 52_428_800;

    public int MaxPartitionFetchBytes { get; init; } = 1_048_576;

    public TimeSpan FetchMaxWait { get; init; } = TimeSpan.FromMilliseconds(500);

    public bool EnablePartitionEof { get; init; }

    public bool CheckCrcs { get; init; } = true;

    public bool AllowAutoCreateTopics { get; init; } = true;

    public TimeSpan DefaultApiTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryBackoffMax { get; init; } = TimeSpan.FromSeconds(1);

    public string? ClientRack { get; init; }

    /// <summary>
    /// Resolves <paramref name="config"/> with the Java consumer's checks: heartbeat.interval.ms below
    /// session.timeout.ms, known assignor names, group.instance.id only with a group.id. Throws
    /// <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public static ConsumerSettings From(ConsumerConfig config)
    {
        var groupId = config.GetOrDefault("group.id");
        var instanceId = config.GetOrDefault("group.instance.id");
        if (string.IsNullOrEmpty(groupId))
        {
            groupId = null;
        }

        if (string.IsNullOrEmpty(instanceId))
        {
            instanceId = null;
        }

        if (instanceId is not null && groupId is null)
        {
            throw new ArgumentException("group.instance.id requires a group.id.");
        }

        var session = config.GetIntOrDefault("session.timeout.ms");
        var heartbeat = config.GetIntOrDefault("heartbeat.interval.ms");
        if (heartbeat >= session)
        {
            throw new ArgumentException($"heartbeat.interval.ms ({heartbeat}) must be lower than session.timeout.ms ({session}).");
        }

        var assignors = new List<IPartitionAssignor>();
        var cooperative = true;
        foreach (var name in config.GetOrDefault("partition.assignment.strategy")!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var assignor = PartitionAssignors.ByName(name)
                ?? throw new ArgumentException($"Unknown partition.assignment.strategy '{name}'; use range, roundrobin, sticky or cooperative-sticky.");
            foreach (var existing in assignors)
            {
                if (string.Equals(existing.Name, assignor.Name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"partition.assignment.strategy lists '{assignor.Name}' twice.");
                }
            }

            assignors.Add(assignor);
            cooperative &= assignor.SupportsCooperative;
        }

        if (assignors.Count == 0)
        {
            throw new ArgumentException("partition.assignment.strategy names no assignor.");
        }

        var rack = config.GetOrDefault("client.rack");
        return new ConsumerSettings
        {
            GroupId = groupId,
            GroupInstanceId = instanceId,
            AutoOffsetReset = config.GetOrDefault("auto.offset.reset") switch
            {
                "earliest" => AutoOffsetReset.Earliest,
                "none" => AutoOffsetReset.Error,
                _ => AutoOffsetReset.Latest,
            },
            EnableAutoCommit = config.GetBoolOrDefault("enable.auto.commit") && groupId is not null,
            AutoCommitInterval = TimeSpan.FromMilliseconds(config.GetIntOrDefault("auto.commit.interval.ms")),
            MaxPollRecords = config.GetIntOrDefault("max.poll.records"),
            SessionTimeout = TimeSpan.FromMilliseconds(session),
            HeartbeatInterval = TimeSpan.FromMilliseconds(heartbeat),
            MaxPollInterval = TimeSpan.FromMilliseconds(config.GetIntOrDefault("max.poll.interval.ms")),
            Assignors = assignors,
            Cooperative = cooperative,
            FetchMinBytes = config.GetIntOrDefault("fetch.min.bytes"),
            FetchMaxBytes = config.GetIntOrDefault("fetch.max.bytes"),
            MaxPartitionFetchBytes = config.GetIntOrDefault("max.partition.fetch.bytes"),
            FetchMaxWait = TimeSpan.FromMilliseconds(config.GetIntOrDefault("fetch.max.wait.ms")),
            EnablePartitionEof = config.GetBoolOrDefault("enable.partition.eof"),
            CheckCrcs = config.GetBoolOrDefault("check.crcs"),
            AllowAutoCreateTopics = config.GetBoolOrDefault("allow.auto.create.topics"),
            DefaultApiTimeout = TimeSpan.FromMilliseconds(config.GetIntOrDefault("default.api.timeout.ms")),
            RequestTimeout = TimeSpan.FromMilliseconds(config.GetIntOrDefault("request.timeout.ms")),
            RetryBackoff = TimeSpan.FromMilliseconds(config.GetLongOrDefault("retry.backoff.ms")),
            RetryBackoffMax = TimeSpan.FromMilliseconds(Math.Max(config.GetLongOrDefault("retry.backoff.max.ms"), config.GetLongOrDefault("retry.backoff.ms"))),
            ClientRack = string.IsNullOrEmpty(rack) ? null : rack,
        };
    }
}
