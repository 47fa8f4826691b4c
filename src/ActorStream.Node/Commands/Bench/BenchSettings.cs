namespace ActorStream.Node.Commands.Bench;

/// <summary>What one <c>actorstream bench</c> run was asked for.</summary>
/// <param name="Topic">The topic to write or read.</param>
/// <param name="Records">How many records (null: the mode's default).</param>
/// <param name="RecordSize">Bytes of each value.</param>
/// <param name="Partitions">Partitions of the topic when the run creates it.</param>
/// <param name="Acks">0, 1 or all.</param>
/// <param name="BatchSize">The producer's batch.size.</param>
/// <param name="LingerMs">The producer's linger.ms (null: the mode's default).</param>
/// <param name="Compression">none or gzip.</param>
/// <param name="Rate">Records per second of the paced producer (e2e).</param>
/// <param name="Duration">How long the paced producer runs when no record count is given (e2e).</param>
/// <param name="Json">Print the result as one JSON object.</param>
/// <param name="Quiet">No progress or notes on stderr.</param>
internal sealed record BenchSettings(
    string Topic,
    long? Records,
    int RecordSize,
    int Partitions,
    string Acks,
    int BatchSize,
    int? LingerMs,
    string Compression,
    int Rate,
    TimeSpan Duration,
    bool Json,
    bool Quiet)
{
    /// <summary>The records of a produce run (and of the fill before an embedded consume run).</summary>
    public const long DefaultRecords = 1_000_000;

    /// <summary>The producer settings of a run.</summary>
    /// <param name="bootstrap">The bootstrap servers.</param>
    /// <param name="defaultLingerMs">linger.ms when <see cref="LingerMs"/> is not given.</param>
    public Dictionary<string, string> ProducerConfig(string bootstrap, int defaultLingerMs)
    {
        var config = CommandRunner.ClientConfig(bootstrap);
        config["client.id"] = "actorstream-bench";
        config["acks"] = Acks == "all" ? "-1" : Acks;
        config["enable.idempotence"] = Acks == "all" ? "true" : "false";
        config["batch.size"] = CommonOptions.Format(BatchSize);
        config["linger.ms"] = CommonOptions.Format(LingerMs ?? defaultLingerMs);
        config["compression.type"] = Compression;
        config["request.timeout.ms"] = "30000";
        config["delivery.timeout.ms"] = "120000";
        config["max.block.ms"] = "30000";
        return config;
    }

    /// <summary>The consumer settings of a run (no group, nothing committed).</summary>
    /// <param name="bootstrap">The bootstrap servers.</param>
    public static Dictionary<string, string> ConsumerConfig(string bootstrap)
    {
        var config = CommandRunner.ClientConfig(bootstrap);
        config["client.id"] = "actorstream-bench";
        config["enable.auto.commit"] = "false";
        config["auto.offset.reset"] = "earliest";
        config["default.api.timeout.ms"] = "30000";
        config["request.timeout.ms"] = "30000";
        return config;
    }
}
