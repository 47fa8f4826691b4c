using ActorStream.Configuration;

namespace ActorStream.Persistence.Sql;

/// <summary>Settings of <see cref="SqliteSnapshotStore"/> (HOCON <c>actorstream.persistence.snapshot-store.sqlite</c>). Immutable.</summary>
/// <param name="DataSource">Path of the database file (may be the journal's file).</param>
public sealed record SqliteSnapshotStoreSettings(string DataSource)
{
    /// <summary>fsync policy (default <see cref="SqliteSynchronous.Full"/>).</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>How long to wait for a lock held by the journal or another process (default 5 s).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads <c>data-source</c>, <c>synchronous</c> and <c>busy-timeout</c> from a HOCON section.</summary>
    public static SqliteSnapshotStoreSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dataSource = config.GetString("data-source") ?? throw new ArgumentException("The sqlite snapshot store needs 'data-source'.", nameof(config));
        var defaults = new SqliteSnapshotStoreSettings(dataSource);
        return defaults with
        {
            Synchronous = SqliteJournalSettings.ParseSynchronous(config.GetString("synchronous", "full")!),
            BusyTimeout = config.GetTimeSpan("busy-timeout", defaults.BusyTimeout, allowInfinite: false),
        };
    }
}
