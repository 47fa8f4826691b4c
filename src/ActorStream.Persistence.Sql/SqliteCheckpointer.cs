using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// Copies WAL frames back into the database file on its own connection and thread, so the journal
/// writer never pays for checkpoints inside its commits (the writer's autocheckpoint is off). Runs a
/// PASSIVE checkpoint whenever the writer signals that enough was written; PASSIVE never blocks the
/// writer or readers. Under continuous writes SQLite cannot restart the WAL from its beginning, so
/// when the WAL holds more than the configured maximum the checkpointer asks the writer (through
/// <see cref="RestartNeeded"/>) to run a RESTART checkpoint between two batches.
/// <para>A checkpointing connection with synchronous NORMAL or FULL fsyncs the WAL before copying
/// and the database file before the WAL may be reused. Thread-safe: <see cref="Signal"/> and
/// <see cref="RestartNeeded"/> may be used from the writer while the loop runs.</para>
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly long _walMaxFrames;
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = true });

    private readonly Task _loop;
    private volatile bool _restartNeeded;

    public SqliteCheckpointer(SqliteConnection connection, long walMaxFrames)
    {
        _connection = connection;
        _walMaxFrames = walMaxFrames;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>True when the WAL outgrew its maximum and the writer should run a RESTART checkpoint.</summary>
    public bool RestartNeeded => _restartNeeded;

    /// <summary>Asks for a PASSIVE checkpoint soon (coalesced: many signals, one checkpoint).</summary>
    public void Signal() => _signals.Writer.TryWrite(true);

    /// <summary>The writer ran its RESTART checkpoint.</summary>
    public void Restarted() => _restartNeeded = false;

    public async ValueTask DisposeAsync()
    {
        _signals.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _connection.Dispose();
    }

    private async Task RunAsync()
    {
        var db = _connection.Handle!;
        var reader = _signals.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            reader.TryRead(out _);
            var rc = raw.sqlite3_wal_checkpoint_v2(db, null, raw.SQLITE_CHECKPOINT_PASSIVE, out var walFrames, out _);
            if (rc == raw.SQLITE_OK && walFrames > _walMaxFrames)
            {
                _restartNeeded = true;
            }

            // SQLITE_BUSY (another checkpoint in progress) and transient errors: the next signal retries.
        }
    }
}
