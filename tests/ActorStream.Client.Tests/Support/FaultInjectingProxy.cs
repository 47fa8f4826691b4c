using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Tests.Support;

/// <summary>
/// A TCP proxy between clients and a broker that understands Kafka framing well enough to inject
/// faults into specific exchanges: swallow a response, cut the connection right after the broker
/// answered (so the request took effect but the client never hears of it), or hold responses
/// back until released. Faults are armed one at a time and fire once.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _sockets = [];
    private readonly Task _acceptLoop;
    private readonly Lock _lock = new();
    private Fault _fault;
    private ApiKey _faultApi;
    private int _faultSkip;
    private TaskCompletionSource _release = CompletedRelease();
    private int _connections;
    private int _faultsFired;
    private readonly ConcurrentDictionary<ApiKey, int> _requests = new();

    public FaultInjectingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    private enum Fault
    {
        None,
        DropResponse,
        CutAfterResponse,
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Client connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Armed faults that fired.</summary>
    public int FaultsFired => Volatile.Read(ref _faultsFired);

    /// <summary>Requests of <paramref name="apiKey"/> forwarded to the broker.</summary>
    public int RequestCount(ApiKey apiKey) => _requests.GetValueOrDefault(apiKey);

    /// <summary>The response to the (skip+1)-th next request of <paramref name="apiKey"/> is swallowed; the connection stays open.</summary>
    public void DropNextResponse(ApiKey apiKey, int skip = 0) => Arm(Fault.DropResponse, apiKey, skip);

    /// <summary>After the broker answers the (skip+1)-th next request of <paramref name="apiKey"/>, the client's connection is cut instead of answered.</summary>
    public void CutAfterNextResponse(ApiKey apiKey, int skip = 0) => Arm(Fault.CutAfterResponse, apiKey, skip);

    /// <summary>Holds every response back until <see cref="ReleaseResponses"/>.</summary>
    public void HoldResponses()
    {
        lock (_lock)
        {
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void ReleaseResponses()
    {
        lock (_lock)
        {
            _release.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        ReleaseResponses();
        _listener.Stop();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private static TaskCompletionSource CompletedRelease()
    {
        var released = new TaskCompletionSource();
        released.SetResult();
        return released;
    }

    private void Arm(Fault fault, ApiKey apiKey, int skip)
    {
        lock (_lock)
        {
            _fault = fault;
            _faultApi = apiKey;
            _faultSkip = skip;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            client.NoDelay = true;
            server.NoDelay = true;
            _sockets.Add(client);
            _sockets.Add(server);
            var pending = new ConcurrentDictionary<int, ApiKey>();
            _ = Task.Run(() => PumpRequestsAsync(client, server, pending));
            _ = Task.Run(() => PumpResponsesAsync(client, server, pending));
        }
    }

    private async Task PumpRequestsAsync(TcpClient client, TcpClient server, ConcurrentDictionary<int, ApiKey> pending)
    {
        try
        {
            var input = client.GetStream();
            var output = server.GetStream();
            while (true)
            {
                var frame = await ReadFrameAsync(input);
                if (frame is null)
                {
                    break;
                }

                var apiKey = (ApiKey)BinaryPrimitives.ReadInt16BigEndian(frame.AsSpan(4));
                var correlationId = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(8));
                pending[correlationId] = apiKey;
                _requests.AddOrUpdate(apiKey, 1, static (_, n) => n + 1);
                await output.WriteAsync(frame);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }

        Close(client, server);
    }

    private async Task PumpResponsesAsync(TcpClient client, TcpClient server, ConcurrentDictionary<int, ApiKey> pending)
    {
        try
        {
            var input = server.GetStream();
            var output = client.GetStream();
            while (true)
            {
                var frame = await ReadFrameAsync(input);
                if (frame is null)
                {
                    break;
                }

                var correlationId = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4));
                pending.TryRemove(correlationId, out var apiKey);
                Task release;
                var fault = Fault.None;
                lock (_lock)
                {
                    release = _release.Task;
                    if (_fault != Fault.None && _faultApi == apiKey)
                    {
                        if (_faultSkip > 0)
                        {
                            _faultSkip--;
                        }
                        else
                        {
                            fault = _fault;
                            _fault = Fault.None;
                        }
                    }
                }

                if (fault == Fault.DropResponse)
                {
                    Interlocked.Increment(ref _faultsFired);
                    continue;
                }

                if (fault == Fault.CutAfterResponse)
                {
                    Interlocked.Increment(ref _faultsFired);
                    break;
                }

                await release;
                await output.WriteAsync(frame);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }

        Close(client, server);
    }

    private static void Close(TcpClient client, TcpClient server)
    {
        client.Dispose();
        server.Dispose();
    }

    /// <summary>A whole frame including its 4-byte size prefix, or null at end of stream.</summary>
    private static async Task<byte[]?> ReadFrameAsync(NetworkStream stream)
    {
        var size = new byte[4];
        try
        {
            await stream.ReadExactlyAsync(size);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(size);
        var frame = new byte[4 + length];
        size.CopyTo(frame, 0);
        await stream.ReadExactlyAsync(frame.AsMemory(4));
        return frame;
    }
}
