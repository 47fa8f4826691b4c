using ActorStream.Configuration;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// Settings of <see cref="SqliteJournal"/> (HOCON section <c>actorstream.persistence.journal.sqlite</c>).
/// The database always runs in WAL mode. Immutable.
/// </summary>
/// <param name="DataSource">Path of the database file; created with its directory when missing.</param>
public sealed record SqliteJournalSettings(string DataSource)
{
    /// <summary>fsync policy (default <see cref="SqliteSynchronous.Full"/>: acked writes survive power loss).</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>Page size in bytes for a NEW database (512–65536, power of two; default 4096). An existing file keeps its own.</summary>
    public int PageSize { get; init; } = 4096;

    /// <summary>Page cache per connection in KiB (default 65536 = 64 MiB).</summary>
    public int CacheSizeKiB { get; init; } = 64 * 1024;

    /// <summary>
    /// WAL pages after which a checkpoint runs (SQLite's default 1000). With
    /// <see cref="BackgroundCheckpoint"/> the writer counts written bytes against this many pages and
    /// signals the background checkpointer; without it, SQLite checkpoints inside the commit.
    /// </summary>
    public int WalAutoCheckpointPages { get; init; } = 1000;

    /// <summary>
    /// Checkpoint on a separate connection and thread (default true), so commits only append to the
    /// WAL; the second core copies pages into the database file meanwhile.
    /// </summary>
    public bool BackgroundCheckpoint { get; init; } = true;

    /// <summary>
    /// With <see cref="SqliteSynchronous.Full"/> or <see cref="SqliteSynchronous.Extra"/> (default
    /// true): commits append to the WAL without fsync and a separate loop fsyncs the WAL and only then
    /// acknowledges, while the writer already commits the next batch. Durability equals FULL (an
    /// acknowledged write's WAL frames are on disk); checkpoints run on a connection with the
    /// configured level, so the database file is synced before the WAL is reused. Implies
    /// <see cref="BackgroundCheckpoint"/>.
    /// </summary>
    public bool PipelinedSync { get; init; } = true;

    /// <summary>True when commits defer their fsync to the sync loop.</summary>
    internal bool DefersSync => PipelinedSync && Synchronous >= SqliteSynchronous.Full;

    /// <summary>
    /// Largest WAL (bytes) tolerated under continuous writes before the writer pauses for a RESTART
    /// checkpoint that lets SQLite reuse the WAL from its start (default 256 MiB).
    /// </summary>
    public long WalMaxBytes { get; init; } = 256L << 20;

    /// <summary>How long a connection waits for a lock held by another connection or process (default 5 s).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Run <c>PRAGMA quick_check</c> at start (reads the whole file; default off).</summary>
    public bool IntegrityCheckOnStart { get; init; }

    /// <summary>Group-commit limits. SQLite has one writer, so there is one writer shard.</summary>
    public JournalBatchSettings Batch { get; init; } = JournalBatchSettings.Default;

    /// <summary>
    /// Reads the settings from a HOCON section: <c>data-source</c>, <c>synchronous</c>
    /// (off|normal|full|extra), <c>page-size</c>, <c>cache-size</c> (bytes), <c>wal-autocheckpoint</c>,
    /// <c>background-checkpoint</c>, <c>pipelined-sync</c>, <c>wal-max-size</c>,
    /// <c>busy-timeout</c>, <c>integrity-check-on-start</c>, <c>batch-max-rows</c>,
    /// <c>batch-max-bytes</c>, <c>queue-depth</c>. Missing keys take the defaults above.
    /// </summary>
    public static SqliteJournalSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = new SqliteJournalSettings(string.Empty);
        var dataSource = config.GetString("data-source") ?? throw new ArgumentException("The sqlite journal needs 'data-source'.", nameof(config));
        return defaults with
        {
            DataSource = dataSource,
            Synchronous = ParseSynchronous(config.GetString("synchronous", "full")!),
            PageSize = config.GetInt("page-size", defaults.PageSize),
            CacheSizeKiB = (int)((config.GetByteSize("cache-size", (long)defaults.CacheSizeKiB * 1024) ?? 0) / 1024),
            WalAutoCheckpointPages = config.GetInt("wal-autocheckpoint", defaults.WalAutoCheckpointPages),
            BackgroundCheckpoint = config.GetBoolean("background-checkpoint", defaults.BackgroundCheckpoint),
            PipelinedSync = config.GetBoolean("pipelined-sync", defaults.PipelinedSync),
            WalMaxBytes = config.GetByteSize("wal-max-size", defaults.WalMaxBytes) ?? defaults.WalMaxBytes,
            BusyTimeout = config.GetTimeSpan("busy-timeout", defaults.BusyTimeout, allowInfinite: false),
            IntegrityCheckOnStart = config.GetBoolean("integrity-check-on-start", false),
            Batch = BatchFromConfig(config),
        };
    }

    internal static JournalBatchSettings BatchFromConfig(Config config)
    {
        var d = JournalBatchSettings.Default;
        return new JournalBatchSettings(
            config.GetInt("batch-max-rows", d.MaxBatchRows),
            config.GetByteSize("batch-max-bytes", d.MaxBatchBytes) ?? d.MaxBatchBytes,
            config.GetInt("queue-depth", d.QueueDepth));
    }

    internal static SqliteSynchronous ParseSynchronous(string value) => value.ToUpperInvariant() switch
    {
        "OFF" => SqliteSynchronous.Off,
        "NORMAL" => SqliteSynchronous.Normal,
        "FULL" => SqliteSynchronous.Full,
        "EXTRA" => SqliteSynchronous.Extra,
        _ => throw new ArgumentException($"Unknown sqlite synchronous mode '{value}' (expected off, normal, full or extra).", nameof(value)),
    };

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DataSource);
        if (PageSize < 512 || PageSize > 65536 || (PageSize & (PageSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "SQLite page size is a power of two between 512 and 65536.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(CacheSizeKiB, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(WalAutoCheckpointPages, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(WalMaxBytes, PageSize);
        Batch.Validate();
    }
}
