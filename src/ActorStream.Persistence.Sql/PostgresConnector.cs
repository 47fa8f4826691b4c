using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorStream.Persistence.Sql;

/// <summary>Opens PostgreSQL connections at start, retrying an unreachable server with exponential backoff.</summary>
internal static partial class PostgresConnector
{
    /// <summary>"host:port/database" for logs and errors (never the password).</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>
    /// Opens a connection, retrying per <paramref name="policy"/>. Each failure is logged as a
    /// warning with the attempt number and the next delay; when every attempt failed, throws
    /// <see cref="StorageUnavailableException"/> naming the server and the last error.
    /// </summary>
    public static async Task<NpgsqlConnection> OpenWithRetryAsync(
        NpgsqlDataSource dataSource,
        ConnectRetryPolicy policy,
        string location,
        ILogger logger,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= policy.Attempts)
                {
                    var elapsed = timeProvider.GetElapsedTime(started);
                    Log.GaveUp(logger, ex, location, attempt);
                    throw new StorageUnavailableException(
                        location,
                        $"PostgreSQL at {location} is unreachable after {attempt} attempt(s) over {elapsed.TotalSeconds:F1} s: {ex.Message}",
                        ex);
                }

                var delay = policy.DelayAfter(attempt);
                Log.Retrying(logger, location, attempt, policy.Attempts, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "PostgreSQL at {Location} unreachable (attempt {Attempt} of {Attempts}); retrying in {DelayMs} ms: {Reason}")]
        public static partial void Retrying(ILogger logger, string location, int attempt, int attempts, double delayMs, string reason);

        [LoggerMessage(EventId = 3111, Level = LogLevel.Error, Message = "PostgreSQL at {Location} still unreachable after {Attempts} attempt(s); giving up")]
        public static partial void GaveUp(ILogger logger, Exception exception, string location, int attempts);
    }
}
