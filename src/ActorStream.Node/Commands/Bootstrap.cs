using System.Globalization;
using System.Net.Sockets;

namespace ActorStream.Node.Commands;

/// <summary>
/// Checks that some bootstrap server accepts a TCP connection before a client is built, so that an unreachable
/// node fails within <see cref="ProbeTimeout"/> with a plain message instead of after the client's retries.
/// </summary>
internal static class Bootstrap
{
    /// <summary>How long each server may take to accept the connection.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Returns when one server accepts; throws <see cref="NodeUnreachableException"/> when none does.</summary>
    /// <param name="servers">HOST:PORT[,HOST:PORT...].</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    public static async Task ProbeAsync(string servers, CancellationToken cancellationToken)
    {
        string? failure = null;
        foreach (var raw in servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(raw.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
            {
                throw new UsageException($"bootstrap server '{raw}' is not HOST:PORT");
            }

            var host = raw[..colon].Trim('[', ']');
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (SocketException e)
            {
                failure = $"cannot reach {raw}: {Describe(e.SocketErrorCode, e.Message)}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"cannot reach {raw}: no answer within {ProbeTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            }
        }

        throw new NodeUnreachableException(failure ?? "no bootstrap server given");
    }

    private static string Describe(SocketError error, string message) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData => "host not found",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.TimedOut => "timed out",
        _ => message,
    };
}
