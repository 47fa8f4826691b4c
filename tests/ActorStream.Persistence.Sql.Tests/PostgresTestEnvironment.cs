using Npgsql;

namespace ActorStream.Persistence.Sql.Tests;

/// <summary>Where the PostgreSQL specs find their server: the ACTORSTREAM_TEST_POSTGRES connection string.</summary>
internal static class PostgresTestEnvironment
{
    public const string Variable = "ACTORSTREAM_TEST_POSTGRES";

    /// <summary>The connection string; throws (failing the test, never skipping it) when the variable is not set.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"{Variable} is not set. The PostgreSQL specs need a server: run scripts/test.sh (it starts a throwaway PostgreSQL " +
                $"and exports {Variable}), or export {Variable}=\"Host=127.0.0.1;Port=5432;Username=...;Database=...\" yourself.");

    /// <summary>The connection string tagged with an application name, so a test can find (and kill) its own sessions.</summary>
    public static string WithApplicationName(string applicationName) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = applicationName }.ConnectionString;
}
