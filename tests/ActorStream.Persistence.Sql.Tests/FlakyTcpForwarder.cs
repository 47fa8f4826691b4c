using System.Net;
using System.Net.Sockets;

namespace ActorStream.Persistence.Sql.Tests;

/// <summary>
/// A loopback port that refuses the first <c>refusals</c> connections (accepts and resets them, as
/// a server still starting would) and forwards every later one to <c>target</c>.
/// </summary>
internal sealed class FlakyTcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly IPEndPoint _target;
    private readonly Task _accepting;
    private int _refusalsLeft;

    public FlakyTcpForwarder(IPEndPoint target, int refusals)
    {
        _target = target;
        _refusalsLeft = refusals;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Refused { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (_refusalsLeft > 0)
            {
                _refusalsLeft--;
                Refused++;
                client.LingerState = new LingerOption(true, 0);
                client.Close();
                continue;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                using var clientStream = new NetworkStream(client);
                using var serverStream = new NetworkStream(server);
                var up = clientStream.CopyToAsync(serverStream, _stop.Token);
                var down = serverStream.CopyToAsync(clientStream, _stop.Token);
                await Task.WhenAny(up, down);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // One side went away; closing both ends is all there is to do.
            }
        }
    }
}
