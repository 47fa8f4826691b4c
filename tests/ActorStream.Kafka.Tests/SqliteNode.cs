using ActorStream.Configuration;

namespace ActorStream.Kafka.Tests;

/// <summary>Actor-system configuration for a node on the SQLite journal and snapshot store in a directory.</summary>
internal static class SqliteNode
{
    public static Config Config(string directory) => ConfigurationFactory.ParseString($$"""
        actorstream.persistence {
          journal.plugin = "sqlite-journal"
          snapshot-store.plugin = "sqlite-snapshots"
        }
        sqlite-journal {
          class = "ActorStream.Persistence.Sql.SqliteJournalProvider, ActorStream.Persistence.Sql"
          data-source = "{{Path.Combine(directory, "journal.db").Replace("\\", "/", StringComparison.Ordinal)}}"
          synchronous = normal
        }
        sqlite-snapshots {
          class = "ActorStream.Persistence.Sql.SqliteSnapshotStoreProvider, ActorStream.Persistence.Sql"
          data-source = "{{Path.Combine(directory, "snapshots.db").Replace("\\", "/", StringComparison.Ordinal)}}"
        }
        """);

    public static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
