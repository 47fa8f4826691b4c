using ActorStream.Client.Configuration;

namespace ActorStream.Client;

/// <summary>
/// Consumer settings, keyed by the Java consumer's property names. See <see cref="ClientConfig"/>
/// for how properties are set and validated. Not thread-safe; <see cref="ConsumerBuilder{TKey,TValue}"/> copies it.
/// </summary>
public sealed class ConsumerConfig : ClientConfig
{
    /// <summary>Creates an empty consumer configuration.</summary>
    public ConsumerConfig()
        : base(ConsumerConfigDefinitions.Consumer)
    {
    }

    /// <summary>Creates a consumer configuration from property names and values.</summary>
    /// <param name="config">The properties; every key must be known.</param>
    public ConsumerConfig(IEnumerable<KeyValuePair<string, string>> config)
        : base(ConsumerConfigDefinitions.Consumer) => SetAll(config);

    /// <summary>The consumer group; required for Subscribe and for committing offsets (<c>group.id</c>).</summary>
    public string? GroupId
    {
        get => Get("group.id");
        set => Set("group.id", value);
    }

    /// <summary>
    /// A stable identity that makes the consumer a static member (KIP-345): it keeps its assignment
    /// across restarts within session.timeout.ms without a rebalance, and does not leave the group on
    /// close (<c>group.instance.id</c>; default: dynamic membership).
    /// </summary>
    public string? GroupInstanceId
    {
        get => Get("group.instance.id");
        set => Set("group.instance.id", value);
    }

    /// <summary>Where to start without a committed offset or after falling out of the log (<c>auto.offset.reset</c>, latest).</summary>
    public AutoOffsetReset? AutoOffsetReset
    {
        get => Get("auto.offset.reset") switch
        {
            null => null,
            "earliest" => Client.AutoOffsetReset.Earliest,
            "none" => Client.AutoOffsetReset.Error,
            _ => Client.AutoOffsetReset.Latest,
        };
        set => Set("auto.offset.reset", value switch
        {
            null => null,
            Client.AutoOffsetReset.Earliest => "earliest",
            Client.AutoOffsetReset.Error => "none",
            _ => "latest",
        });
    }

    /// <summary>Commit the positions in the background every auto.commit.interval.ms, before a rebalance and on close (<c>enable.auto.commit</c>, true).</summary>
    public bool? EnableAutoCommit
    {
        get => GetBool("enable.auto.commit");
        set => Set("enable.auto.commit", value);
    }

    /// <summary>How often positions are committed when auto-commit is on (<c>auto.commit.interval.ms</c>, 5000).</summary>
    public int? AutoCommitIntervalMs
    {
        get => GetInt("auto.commit.interval.ms");
        set => Set("auto.commit.interval.ms", value);
    }

    /// <summary>Records taken from one partition's fetched data before Consume moves on to the next partition (<c>max.poll.records</c>, 500).</summary>
    public int? MaxPollRecords
    {
        get => GetInt("max.poll.records");
        set => Set("max.poll.records", value);
    }

    /// <summary>Without a heartbeat for this long the coordinator removes the member (<c>session.timeout.ms</c>, 45000).</summary>
    public int? SessionTimeoutMs
    {
        get => GetInt("session.timeout.ms");
        set => Set("session.timeout.ms", value);
    }

    /// <summary>Time between heartbeats; below session.timeout.ms, typically a third of it (<c>heartbeat.interval.ms</c>, 3000).</summary>
    public int? HeartbeatIntervalMs
    {
        get => GetInt("heartbeat.interval.ms");
        set => Set("heartbeat.interval.ms", value);
    }

    /// <summary>
    /// Longest time between Consume calls; past it the consumer leaves the group so that its partitions
    /// go to others. Also the rebalance timeout sent in JoinGroup (<c>max.poll.interval.ms</c>, 300000).
    /// </summary>
    public int? MaxPollIntervalMs
    {
        get => GetInt("max.poll.interval.ms");
        set => Set("max.poll.interval.ms", value);
    }

    /// <summary>
    /// The assignor (<c>partition.assignment.strategy</c>, default range,cooperative-sticky). The property
    /// takes a comma-separated list of <c>range</c>, <c>roundrobin</c>, <c>sticky</c> and
    /// <c>cooperative-sticky</c>, most preferred first (set lists through the indexer); this typed view
    /// reads the first entry and sets a single one. Rebalancing is cooperative only when every listed
    /// assignor is cooperative.
    /// </summary>
    public PartitionAssignmentStrategy? PartitionAssignmentStrategy
    {
        get
        {
            var value = Get("partition.assignment.strategy");
            if (value is null)
            {
                return null;
            }

            var comma = value.IndexOf(',', StringComparison.Ordinal);
            return (comma < 0 ? value : value[..comma]).Trim().ToLowerInvariant() switch
            {
                "roundrobin" => Client.PartitionAssignmentStrategy.RoundRobin,
                "sticky" => Client.PartitionAssignmentStrategy.Sticky,
                "cooperative-sticky" => Client.PartitionAssignmentStrategy.CooperativeSticky,
                _ => Client.PartitionAssignmentStrategy.Range,
            };
        }

        set => Set("partition.assignment.strategy", value switch
        {
            null => null,
            Client.PartitionAssignmentStrategy.RoundRobin => "roundrobin",
            Client.PartitionAssignmentStrategy.Sticky => "sticky",
            Client.PartitionAssignmentStrategy.CooperativeSticky => "cooperative-sticky",
            _ => "range",
        });
    }

    /// <summary>Bytes the broker waits for before it answers a fetch (<c>fetch.min.bytes</c>, 1).</summary>
    public int? FetchMinBytes
    {
        get => GetInt("fetch.min.bytes");
        set => Set("fetch.min.bytes", value);
    }

    /// <summary>Bytes per fetch response across partitions; the first batch is returned even if larger (<c>fetch.max.bytes</c>, 52428800).</summary>
    public int? FetchMaxBytes
    {
        get => GetInt("fetch.max.bytes");
        set => Set("fetch.max.bytes", value);
    }

    /// <summary>Bytes per partition in a fetch response (<c>max.partition.fetch.bytes</c>, 1048576).</summary>
    public int? MaxPartitionFetchBytes
    {
        get => GetInt("max.partition.fetch.bytes");
        set => Set("max.partition.fetch.bytes", value);
    }

    /// <summary>How long the broker may hold a fetch waiting for fetch.min.bytes (<c>fetch.max.wait.ms</c>, 500).</summary>
    public int? FetchMaxWaitMs
    {
        get => GetInt("fetch.max.wait.ms");
        set => Set("fetch.max.wait.ms", value);
    }

    /// <summary>
    /// Transaction isolation (<c>isolation.level</c>, read_uncommitted). read_committed is accepted for
    /// compatibility; the consumer fetches as read_uncommitted and does not filter aborted transactions.
    /// </summary>
    public IsolationLevel? IsolationLevel
    {
        get => Get("isolation.level") switch
        {
            null => null,
            "read_committed" => Client.IsolationLevel.ReadCommitted,
            _ => Client.IsolationLevel.ReadUncommitted,
        };
        set => Set("isolation.level", value switch
        {
            null => null,
            Client.IsolationLevel.ReadCommitted => "read_committed",
            _ => "read_uncommitted",
        });
    }

    /// <summary>Consume returns a result with <see cref="ConsumeResult{TKey,TValue}.IsPartitionEOF"/> each time a partition's end is reached (<c>enable.partition.eof</c>, false).</summary>
    public bool? EnablePartitionEof
    {
        get => GetBool("enable.partition.eof");
        set => Set("enable.partition.eof", value);
    }

    /// <summary>Verify the CRC-32C of every fetched batch (<c>check.crcs</c>, true).</summary>
    public bool? CheckCrcs
    {
        get => GetBool("check.crcs");
        set => Set("check.crcs", value);
    }

    /// <summary>Let metadata requests for subscribed topics create missing topics, if the broker allows it (<c>allow.auto.create.topics</c>, true).</summary>
    public bool? AllowAutoCreateTopics
    {
        get => GetBool("allow.auto.create.topics");
        set => Set("allow.auto.create.topics", value);
    }

    /// <summary>Time limit of calls that take none, such as Commit() and Committed (<c>default.api.timeout.ms</c>, 60000).</summary>
    public int? DefaultApiTimeoutMs
    {
        get => GetInt("default.api.timeout.ms");
        set => Set("default.api.timeout.ms", value);
    }

    /// <summary>The rack of this consumer, sent in its subscription (<c>client.rack</c>).</summary>
    public string? ClientRack
    {
        get => Get("client.rack");
        set => Set("client.rack", value);
    }
}
