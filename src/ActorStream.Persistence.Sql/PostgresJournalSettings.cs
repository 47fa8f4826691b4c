using ActorStream.Configuration;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// Settings of <see cref="PostgresJournal"/> (HOCON section <c>actorstream.persistence.journal.postgres</c>). Immutable.
/// </summary>
/// <param name="ConnectionString">An Npgsql connection string.</param>
public sealed record PostgresJournalSettings(string ConnectionString)
{
    /// <summary>Schema holding the tables; created when missing (default <c>public</c>). Letters, digits and '_' only.</summary>
    public string Schema { get; init; } = "public";

    /// <summary>
    /// Writer shards = concurrent write transactions, each on its own connection (default 2). A
    /// persistence id always uses the same shard, so its writes stay ordered.
    /// </summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>Group-commit limits per shard.</summary>
    public JournalBatchSettings Batch { get; init; } = JournalBatchSettings.Default;

    /// <summary>Retries while the server is unreachable at start.</summary>
    public ConnectRetryPolicy ConnectRetry { get; init; } = ConnectRetryPolicy.Default;

    /// <summary>
    /// Reads the settings from a HOCON section: <c>connection-string</c>, <c>schema</c>,
    /// <c>parallelism</c>, <c>batch-max-rows</c>, <c>batch-max-bytes</c>, <c>queue-depth</c>,
    /// <c>connect-retry.attempts</c>, <c>connect-retry.initial-delay</c>, <c>connect-retry.max-delay</c>.
    /// </summary>
    public static PostgresJournalSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cs = config.GetString("connection-string") ?? throw new ArgumentException("The postgres journal needs 'connection-string'.", nameof(config));
        var defaults = new PostgresJournalSettings(cs);
        return defaults with
        {
            Schema = config.GetString("schema", defaults.Schema)!,
            Parallelism = config.GetInt("parallelism", defaults.Parallelism),
            Batch = SqliteJournalSettings.BatchFromConfig(config),
            ConnectRetry = RetryFromConfig(config),
        };
    }

    internal static ConnectRetryPolicy RetryFromConfig(Config config)
    {
        var d = ConnectRetryPolicy.Default;
        return new ConnectRetryPolicy(
            config.GetInt("connect-retry.attempts", d.Attempts),
            config.GetTimeSpan("connect-retry.initial-delay", d.InitialDelay, allowInfinite: false),
            config.GetTimeSpan("connect-retry.max-delay", d.MaxDelay, allowInfinite: false));
    }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString);
        PostgresSchema.ValidateIdentifier(Schema);
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ConnectRetry.Attempts, 1);
        Batch.Validate();
    }
}
