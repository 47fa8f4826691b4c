using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ActorStream.Persistence.Sql;

/// <summary>Opens SQLite files for the journal and snapshot store and turns open errors into clear ones.</summary>
internal static class SqliteDatabase
{
    /// <summary>
    /// Opens (creating when missing) <paramref name="path"/> in WAL mode, applies the pragmas and
    /// creates the schema. A file that is not a usable SQLite database is reported as
    /// <see cref="StorageUnavailableException"/> naming the path and SQLite's reason.
    /// </summary>
    public static SqliteConnection Open(
        string path,
        SqliteSynchronous synchronous,
        int pageSize,
        int cacheSizeKiB,
        int walAutoCheckpointPages,
        TimeSpan busyTimeout,
        bool integrityCheck,
        string schema)
    {
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new StorageUnavailableException(fullPath, $"SQLite database path '{fullPath}' is a directory, not a file.");
        }

        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(ConnectionString(fullPath, pooling: false, busyTimeout));
        try
        {
            connection.Open();
            var busyMs = (long)busyTimeout.TotalMilliseconds;
            Execute(connection, $"PRAGMA busy_timeout = {busyMs.ToString(CultureInfo.InvariantCulture)}");

            // page_size only takes effect before the first table exists (and never once in WAL mode).
            Execute(connection, $"PRAGMA page_size = {pageSize.ToString(CultureInfo.InvariantCulture)}");
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageUnavailableException(fullPath, $"SQLite database '{fullPath}' refused WAL mode (journal_mode is '{mode}').");
            }

            Execute(connection, $"PRAGMA synchronous = {(int)synchronous}");
            Execute(connection, $"PRAGMA cache_size = -{cacheSizeKiB.ToString(CultureInfo.InvariantCulture)}");
            Execute(connection, $"PRAGMA wal_autocheckpoint = {walAutoCheckpointPages.ToString(CultureInfo.InvariantCulture)}");
            Execute(connection, "PRAGMA temp_store = MEMORY");
            if (integrityCheck)
            {
                var result = Scalar(connection, "PRAGMA quick_check(1)");
                if (!string.Equals(result, "ok", StringComparison.Ordinal))
                {
                    throw new StorageUnavailableException(fullPath, $"SQLite database '{fullPath}' failed its integrity check: {result}");
                }
            }

            if (schema.Length > 0)
            {
                Execute(connection, schema);
            }

            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new StorageUnavailableException(
                fullPath,
                $"SQLite database '{fullPath}' cannot be used: {ex.Message} (SQLite error {ex.SqliteErrorCode}). " +
                "The file is corrupt or not a SQLite database; move it away or point the journal at another path.",
                ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static string ConnectionString(string fullPath, bool pooling, TimeSpan busyTimeout) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = pooling,
            DefaultTimeout = Math.Max(1, (int)busyTimeout.TotalSeconds),
        }.ToString();

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
