using ActorStream.Configuration;

namespace ActorStream.Persistence.Sql;

/// <summary>Settings of <see cref="PostgresSnapshotStore"/> (HOCON <c>actorstream.persistence.snapshot-store.postgres</c>). Immutable.</summary>
/// <param name="ConnectionString">An Npgsql connection string.</param>
public sealed record PostgresSnapshotStoreSettings(string ConnectionString)
{
    /// <summary>Schema holding the <c>snapshot</c> table; created when missing (default <c>public</c>).</summary>
    public string Schema { get; init; } = "public";

    /// <summary>Retries while the server is unreachable at start.</summary>
    public ConnectRetryPolicy ConnectRetry { get; init; } = ConnectRetryPolicy.Default;

    /// <summary>Reads <c>connection-string</c>, <c>schema</c> and <c>connect-retry.*</c> from a HOCON section.</summary>
    public static PostgresSnapshotStoreSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cs = config.GetString("connection-string") ?? throw new ArgumentException("The postgres snapshot store needs 'connection-string'.", nameof(config));
        var defaults = new PostgresSnapshotStoreSettings(cs);
        return defaults with
        {
            Schema = config.GetString("schema", defaults.Schema)!,
            ConnectRetry = PostgresJournalSettings.RetryFromConfig(config),
        };
    }
}
