namespace ActorStream.Persistence.Sql;

/// <summary>The SQLite DDL and statements (documented in README.md; keep both in step).</summary>
internal static class SqliteSchema
{
    public const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS journal (
            ordering       INTEGER PRIMARY KEY,
            persistence_id TEXT    NOT NULL,
            sequence_nr    INTEGER NOT NULL,
            deleted        INTEGER NOT NULL DEFAULT 0,
            timestamp      INTEGER NOT NULL,
            serializer_id  INTEGER NOT NULL,
            manifest       TEXT    NOT NULL,
            writer_uuid    TEXT    NOT NULL,
            first_offset   INTEGER NULL,
            last_offset    INTEGER NULL,
            max_timestamp  INTEGER NULL,
            payload        BLOB    NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS journal_pid_seq ON journal (persistence_id, sequence_nr);
        CREATE INDEX IF NOT EXISTS journal_pid_last_offset ON journal (persistence_id, last_offset) WHERE last_offset IS NOT NULL;
        CREATE INDEX IF NOT EXISTS journal_pid_max_timestamp ON journal (persistence_id, max_timestamp) WHERE max_timestamp IS NOT NULL;
        CREATE TABLE IF NOT EXISTS journal_metadata (
            persistence_id TEXT    NOT NULL PRIMARY KEY,
            sequence_nr    INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    public const string CreateSnapshot = """
        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id TEXT    NOT NULL,
            sequence_nr    INTEGER NOT NULL,
            created        INTEGER NOT NULL,
            serializer_id  INTEGER NOT NULL,
            manifest       TEXT    NOT NULL,
            snapshot       BLOB    NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        );
        """;

    public const string Insert =
        "INSERT INTO journal (persistence_id, sequence_nr, timestamp, serializer_id, manifest, writer_uuid, first_offset, last_offset, max_timestamp, payload) " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

    public const string RecordHighest =
        "INSERT INTO journal_metadata (persistence_id, sequence_nr) " +
        "SELECT ?1, max(sequence_nr) FROM journal WHERE persistence_id = ?1 HAVING max(sequence_nr) IS NOT NULL " +
        "ON CONFLICT (persistence_id) DO UPDATE SET sequence_nr = max(sequence_nr, excluded.sequence_nr)";

    public const string DeleteTo = "DELETE FROM journal WHERE persistence_id = ?1 AND sequence_nr <= ?2";

    public const string Highest =
        "SELECT max(coalesce((SELECT max(sequence_nr) FROM journal WHERE persistence_id = $pid), 0), " +
        "coalesce((SELECT sequence_nr FROM journal_metadata WHERE persistence_id = $pid), 0))";

    public const string Replay =
        "SELECT sequence_nr, timestamp, serializer_id, manifest, writer_uuid, first_offset, last_offset, max_timestamp, payload " +
        "FROM journal WHERE persistence_id = $pid AND sequence_nr >= $from AND sequence_nr <= $to AND deleted = 0 " +
        "ORDER BY sequence_nr LIMIT $max";

    public const string FindByOffset =
        "SELECT sequence_nr, first_offset, last_offset, max_timestamp FROM journal INDEXED BY journal_pid_last_offset " +
        "WHERE persistence_id = $pid AND last_offset >= $x AND deleted = 0 ORDER BY last_offset LIMIT 1";

    public const string FindByTimestamp =
        "SELECT sequence_nr, first_offset, last_offset, max_timestamp FROM journal INDEXED BY journal_pid_max_timestamp " +
        "WHERE persistence_id = $pid AND max_timestamp >= $x AND deleted = 0 ORDER BY max_timestamp LIMIT 1";
}
