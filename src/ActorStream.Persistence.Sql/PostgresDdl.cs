using Npgsql;

namespace ActorStream.Persistence.Sql;

/// <summary>Runs schema DDL under a transaction-scoped advisory lock, so concurrent starters do not race on CREATE … IF NOT EXISTS.</summary>
internal static class PostgresDdl
{
    internal const long SchemaLockKey = 0x4163_7453_7472_6D31; // "ActStrm1"

    public static async Task CreateAsync(NpgsqlConnection connection, string ddl, CancellationToken cancellationToken)
    {
        var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey})", connection, tx))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var command = new NpgsqlCommand(ddl, connection, tx))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
