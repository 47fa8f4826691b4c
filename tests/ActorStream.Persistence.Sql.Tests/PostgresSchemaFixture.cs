using Npgsql;

namespace ActorStream.Persistence.Sql.Tests;

/// <summary>
/// A fresh schema for one test class (created by the store under test, dropped here afterwards),
/// so classes and runs never see each other's rows.
/// </summary>
public sealed class PostgresSchemaFixture : IAsyncLifetime
{
    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N")[..16];

    public string ConnectionString => PostgresTestEnvironment.WithApplicationName(Schema);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable(PostgresTestEnvironment.Variable) is { Length: > 0 })
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresJournal.DropSchemaAsync(PostgresTestEnvironment.ConnectionString, Schema);
        }
    }

    /// <summary>Terminates every server session opened with this fixture's application name and waits for them to end.</summary>
    public async Task TerminateSessionsAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresTestEnvironment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Schema });
        var terminated = (long)(await command.ExecuteScalarAsync())!;
        Assert.True(terminated > 0, "expected sessions of the journal under test to terminate");
    }
}
