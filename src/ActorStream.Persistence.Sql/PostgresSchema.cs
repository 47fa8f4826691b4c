namespace ActorStream.Persistence.Sql;

/// <summary>The PostgreSQL DDL and statements for one schema (documented in README.md; keep both in step).</summary>
internal sealed class PostgresSchema
{
    public PostgresSchema(string schema)
    {
        ValidateIdentifier(schema);
        var s = "\"" + schema + "\"";
        CreateJournal = $"""
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.journal (
                persistence_id TEXT    NOT NULL,
                sequence_nr    BIGINT  NOT NULL,
                deleted        BOOLEAN NOT NULL DEFAULT FALSE,
                timestamp      BIGINT  NOT NULL,
                serializer_id  INTEGER NOT NULL,
                manifest       TEXT    NOT NULL,
                writer_uuid    TEXT    NOT NULL,
                first_offset   BIGINT  NULL,
                last_offset    BIGINT  NULL,
                max_timestamp  BIGINT  NULL,
                payload        BYTEA   NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            ALTER TABLE {s}.journal ALTER COLUMN payload SET STORAGE EXTERNAL;
            CREATE INDEX IF NOT EXISTS journal_pid_last_offset ON {s}.journal (persistence_id, last_offset) WHERE last_offset IS NOT NULL;
            CREATE INDEX IF NOT EXISTS journal_pid_max_timestamp ON {s}.journal (persistence_id, max_timestamp) WHERE max_timestamp IS NOT NULL;
            CREATE TABLE IF NOT EXISTS {s}.journal_metadata (
                persistence_id TEXT   NOT NULL PRIMARY KEY,
                sequence_nr    BIGINT NOT NULL
            );
            """;
        CreateSnapshot = $"""
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.snapshot (
                persistence_id TEXT    NOT NULL,
                sequence_nr    BIGINT  NOT NULL,
                created        BIGINT  NOT NULL,
                serializer_id  INTEGER NOT NULL,
                manifest       TEXT    NOT NULL,
                snapshot       BYTEA   NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            ALTER TABLE {s}.snapshot ALTER COLUMN snapshot SET STORAGE EXTERNAL;
            """;
        Insert =
            $"INSERT INTO {s}.journal (persistence_id, sequence_nr, timestamp, serializer_id, manifest, writer_uuid, first_offset, last_offset, max_timestamp, payload) " +
            "SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::integer[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bytea[])";
        RecordHighest =
            $"INSERT INTO {s}.journal_metadata (persistence_id, sequence_nr) " +
            $"SELECT $1, max(sequence_nr) FROM {s}.journal WHERE persistence_id = $1 HAVING max(sequence_nr) IS NOT NULL " +
            $"ON CONFLICT (persistence_id) DO UPDATE SET sequence_nr = GREATEST({s}.journal_metadata.sequence_nr, EXCLUDED.sequence_nr)";
        DeleteTo = $"DELETE FROM {s}.journal WHERE persistence_id = $1 AND sequence_nr <= $2";
        Highest =
            $"SELECT GREATEST(COALESCE((SELECT max(sequence_nr) FROM {s}.journal WHERE persistence_id = $1), 0), " +
            $"COALESCE((SELECT sequence_nr FROM {s}.journal_metadata WHERE persistence_id = $1), 0))";
        Replay =
            "SELECT sequence_nr, timestamp, serializer_id, manifest, writer_uuid, first_offset, last_offset, max_timestamp, payload " +
            $"FROM {s}.journal WHERE persistence_id = $1 AND sequence_nr >= $2 AND sequence_nr <= $3 AND NOT deleted ORDER BY sequence_nr LIMIT $4";
        FindByOffset =
            $"SELECT sequence_nr, first_offset, last_offset, max_timestamp FROM {s}.journal " +
            "WHERE persistence_id = $1 AND last_offset >= $2 AND last_offset IS NOT NULL AND NOT deleted ORDER BY last_offset LIMIT 1";
        FindByTimestamp =
            $"SELECT sequence_nr, first_offset, last_offset, max_timestamp FROM {s}.journal " +
            "WHERE persistence_id = $1 AND max_timestamp >= $2 AND max_timestamp IS NOT NULL AND NOT deleted ORDER BY max_timestamp LIMIT 1";
        SaveSnapshot =
            $"INSERT INTO {s}.snapshot (persistence_id, sequence_nr, created, serializer_id, manifest, snapshot) VALUES ($1, $2, $3, $4, $5, $6) " +
            "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created = EXCLUDED.created, serializer_id = EXCLUDED.serializer_id, " +
            "manifest = EXCLUDED.manifest, snapshot = EXCLUDED.snapshot";
        LoadSnapshot =
            $"SELECT sequence_nr, created, serializer_id, manifest, snapshot FROM {s}.snapshot " +
            "WHERE persistence_id = $1 AND sequence_nr <= $2 AND created <= $3 AND sequence_nr >= $4 AND created >= $5 " +
            "ORDER BY sequence_nr DESC LIMIT 1";
        DeleteSnapshot = $"DELETE FROM {s}.snapshot WHERE persistence_id = $1 AND sequence_nr = $2 AND ($3 = 0 OR created = $3)";
        DeleteSnapshots =
            $"DELETE FROM {s}.snapshot WHERE persistence_id = $1 AND sequence_nr <= $2 AND created <= $3 AND sequence_nr >= $4 AND created >= $5";
        DropSchema = $"DROP SCHEMA IF EXISTS {s} CASCADE";
    }

    public string CreateJournal { get; }

    public string CreateSnapshot { get; }

    public string Insert { get; }

    public string RecordHighest { get; }

    public string DeleteTo { get; }

    public string Highest { get; }

    public string Replay { get; }

    public string FindByOffset { get; }

    public string FindByTimestamp { get; }

    public string SaveSnapshot { get; }

    public string LoadSnapshot { get; }

    public string DeleteSnapshot { get; }

    public string DeleteSnapshots { get; }

    public string DropSchema { get; }

    /// <summary>Schema names are spliced into SQL, so only plain identifiers are accepted.</summary>
    public static void ValidateIdentifier(string schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        if (schema.Length > 63 || !(char.IsAsciiLetter(schema[0]) || schema[0] == '_'))
        {
            throw new ArgumentException($"Invalid schema name '{schema}': start with a letter or '_', at most 63 characters.", nameof(schema));
        }

        foreach (var c in schema)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new ArgumentException($"Invalid schema name '{schema}': only letters, digits and '_' are allowed.", nameof(schema));
            }
        }
    }
}
