using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ActorStream.Persistence.Sql;

/// <summary>
/// Writes journal batches through prepared SQLite statements bound straight from spans (no
/// parameter objects, no per-row allocation). SQLite copies each bound blob once into its page
/// cache (SQLITE_TRANSIENT); the payload memory is not copied anywhere else.
/// <para>One transaction per batch. A constraint violation (duplicate persistence id and sequence
/// nr) rolls the batch back and redoes it with one savepoint per AtomicWrite, so only the offending
/// write is rejected. Not thread-safe: used by one writer loop.</para>
/// </summary>
internal sealed class SqliteBatchWriter : IJournalBatchWriter
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;
    private readonly sqlite3_stmt _savepoint;
    private readonly sqlite3_stmt _release;
    private readonly sqlite3_stmt _rollbackTo;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _recordHighest;
    private readonly sqlite3_stmt _deleteTo;
    private readonly SqliteCheckpointer? _checkpointer;
    private readonly long _checkpointEveryBytes;
    private readonly FileStream? _wal;
    private long _bytesSinceCheckpoint;

    /// <param name="connection">The writer connection (WAL mode, schema created).</param>
    /// <param name="checkpointer">Background checkpointer, or null when SQLite checkpoints inside commits.</param>
    /// <param name="checkpointEveryBytes">Bytes written between checkpoint signals.</param>
    /// <param name="walPathForDeferredSync">
    /// When set, the connection runs with synchronous=OFF and durability comes from fsyncing this
    /// WAL file in <see cref="SyncAsync"/> (pipelined FULL); checkpoints must then run on a FULL connection.
    /// </param>
    public SqliteBatchWriter(SqliteConnection connection, SqliteCheckpointer? checkpointer, long checkpointEveryBytes, string? walPathForDeferredSync)
    {
        _connection = connection;
        if (walPathForDeferredSync is not null)
        {
            _wal = new FileStream(walPathForDeferredSync, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }

        _checkpointer = checkpointer;
        _checkpointEveryBytes = checkpointEveryBytes;
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _savepoint = Prepare("SAVEPOINT atomic_write");
        _release = Prepare("RELEASE atomic_write");
        _rollbackTo = Prepare("ROLLBACK TO atomic_write");
        _insert = Prepare(SqliteSchema.Insert);
        _recordHighest = Prepare(SqliteSchema.RecordHighest);
        _deleteTo = Prepare(SqliteSchema.DeleteTo);
    }

    public bool DefersSync => _wal is not null;

    public ValueTask SyncAsync(CancellationToken cancellationToken)
    {
        // fsync is per file, not per descriptor: this covers every WAL frame written so far.
        _wal?.Flush(flushToDisk: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask CommitAsync(IReadOnlyList<JournalRequest> batch, CancellationToken cancellationToken)
    {
        if (_checkpointer is { RestartNeeded: true })
        {
            // Between batches, no transaction open: let the WAL start over from its beginning. The
            // checkpoint must sync the database file before the WAL is reused, so a deferred-sync
            // writer raises its own synchronous level for it.
            if (_wal is not null)
            {
                raw.sqlite3_exec(_db, "PRAGMA synchronous = FULL");
            }

            raw.sqlite3_exec(_db, "PRAGMA wal_checkpoint(RESTART)");
            if (_wal is not null)
            {
                raw.sqlite3_exec(_db, "PRAGMA synchronous = OFF");
            }

            _checkpointer.Restarted();
        }

        Step(_begin);
        try
        {
            if (!InsertAll(batch))
            {
                Step(_rollback);
                Step(_begin);
                InsertEachWithSavepoint(batch);
            }

            Step(_commit);
        }
        catch
        {
            RollbackIfOpen();
            throw;
        }

        if (_checkpointer is not null)
        {
            // Roughly the WAL bytes this batch appended (payload plus row and index overhead).
            for (var b = 0; b < batch.Count; b++)
            {
                _bytesSinceCheckpoint += batch[b].Bytes + (batch[b].Rows.Length * 128L);
            }

            if (_bytesSinceCheckpoint >= _checkpointEveryBytes)
            {
                _bytesSinceCheckpoint = 0;
                _checkpointer.Signal();
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        Step(_begin);
        try
        {
            BindText(_recordHighest, 1, persistenceId);
            Step(_recordHighest);
            BindText(_deleteTo, 1, persistenceId);
            Check(raw.sqlite3_bind_int64(_deleteTo, 2, toSequenceNr));
            Step(_deleteTo);
            Step(_commit);
        }
        catch
        {
            RollbackIfOpen();
            throw;
        }

        _wal?.Flush(flushToDisk: true);

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
        }

        if (_wal is not null)
        {
            // Closing the last connection checkpoints and may delete the WAL: do it with syncs on.
            raw.sqlite3_exec(_db, "PRAGMA synchronous = FULL");
            _wal.Flush(flushToDisk: true);
            await _wal.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var stmt in new[] { _begin, _commit, _rollback, _savepoint, _release, _rollbackTo, _insert, _recordHighest, _deleteTo })
        {
            stmt.Dispose();
        }

        _connection.Dispose();
    }

    private bool InsertAll(IReadOnlyList<JournalRequest> batch)
    {
        for (var b = 0; b < batch.Count; b++)
        {
            var rows = batch[b].Rows;
            for (var i = 0; i < rows.Length; i++)
            {
                if (!Insert(in rows[i]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void InsertEachWithSavepoint(IReadOnlyList<JournalRequest> batch)
    {
        for (var b = 0; b < batch.Count; b++)
        {
            var request = batch[b];
            var start = 0;
            for (var w = 0; w < request.WriteEnds.Length; w++)
            {
                var end = request.WriteEnds[w];
                Step(_savepoint);
                var stored = true;
                for (var i = start; i < end && stored; i++)
                {
                    stored = Insert(in request.Rows[i]);
                }

                if (!stored)
                {
                    Step(_rollbackTo);
                    request.Call!.Reject(
                        request.ResultIndexes[w],
                        new Journal.WriteRejectedException(
                            $"Sequence nrs {request.Rows[start].SequenceNr}..{request.Rows[end - 1].SequenceNr} of '{request.Rows[start].PersistenceId}' are already stored."));
                }

                Step(_release);
                start = end;
            }
        }
    }

    /// <summary>Inserts one row; false on a constraint violation (the row is not stored).</summary>
    private bool Insert(in JournalRow row)
    {
        var s = _insert;
        BindText(s, 1, row.PersistenceId);
        raw.sqlite3_bind_int64(s, 2, row.SequenceNr);
        raw.sqlite3_bind_int64(s, 3, row.Timestamp);
        raw.sqlite3_bind_int(s, 4, row.SerializerId);
        BindText(s, 5, row.Manifest);
        BindText(s, 6, row.WriterUuid);
        if (row.Ordering is { } o)
        {
            raw.sqlite3_bind_int64(s, 7, o.FirstOffset);
            raw.sqlite3_bind_int64(s, 8, o.LastOffset);
            raw.sqlite3_bind_int64(s, 9, o.MaxTimestamp);
        }
        else
        {
            raw.sqlite3_bind_null(s, 7);
            raw.sqlite3_bind_null(s, 8);
            raw.sqlite3_bind_null(s, 9);
        }

        // An empty span would bind NULL; a zero-length blob keeps the NOT NULL column satisfied.
        Check(row.Payload.IsEmpty ? raw.sqlite3_bind_zeroblob(s, 10, 0) : raw.sqlite3_bind_blob(s, 10, row.Payload.Span));
        var rc = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        if (rc == raw.SQLITE_DONE)
        {
            return true;
        }

        if ((rc & 0xFF) == raw.SQLITE_CONSTRAINT)
        {
            return false;
        }

        SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    private void BindText(sqlite3_stmt stmt, int index, string value) =>
        Check(value.Length == 0 ? raw.sqlite3_bind_text(stmt, index, string.Empty) : raw.sqlite3_bind_text16(stmt, index, value.AsSpan()));

    private void Step(sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void RollbackIfOpen()
    {
        if (raw.sqlite3_get_autocommit(_db) == 0)
        {
            raw.sqlite3_step(_rollback);
            raw.sqlite3_reset(_rollback);
        }
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var stmt);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return stmt;
    }
}
