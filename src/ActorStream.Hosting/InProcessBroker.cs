using System.Collections.Concurrent;
using ActorStream.Client;
using ActorStream.Kafka.Network;
using Microsoft.Extensions.Logging;

namespace ActorStream.Hosting;

/// <summary>
/// The embedded node as an <see cref="IInProcessBroker"/>: each client connection gets a
/// <see cref="KafkaConnectionContext"/> and its frames go straight to the node's request handler,
/// as a listener's read loop hands them over, without sockets. Connecting waits until the node has
/// started; after <see cref="StopAsync"/> connections and requests are refused. Thread-safe.
/// </summary>
internal sealed partial class InProcessBroker : IInProcessBroker
{
    private readonly ConcurrentDictionary<long, InProcessBrokerConnection> _connections = new();
    private readonly TaskCompletionSource<IKafkaRequestHandler> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private long _nextConnectionId;
    private int _inFlight;
    private volatile bool _stopped;

    public InProcessBroker(ILogger logger, TimeProvider time)
    {
        Logger = logger;
        _time = time;
    }

    public ILogger Logger { get; }

    /// <summary>True once stopping: new connections and requests are refused.</summary>
    public bool IsStopped => _stopped;

    /// <summary>Requests handed to the node and not yet answered.</summary>
    public int InFlightRequests => Volatile.Read(ref _inFlight);

    /// <summary>Opens for connections, served by <paramref name="handler"/>.</summary>
    public void Start(IKafkaRequestHandler handler) => _started.TrySetResult(handler);

    public async ValueTask<IInProcessConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var handler = await _started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_stopped)
        {
            throw new IOException("The embedded ActorStream node is stopped");
        }

        var id = Interlocked.Increment(ref _nextConnectionId);
        var connection = new InProcessBrokerConnection(this, handler, id);
        _connections[id] = connection;
        if (_stopped)
        {
            connection.Dispose();
            throw new IOException("The embedded ActorStream node is stopped");
        }

        Log.Connected(Logger, id);
        return connection;
    }

    /// <summary>
    /// Refuses new connections and requests, waits up to <paramref name="drainTimeout"/> for the requests
    /// in flight to be answered, then closes every connection (pending long polls end at once).
    /// </summary>
    public async Task StopAsync(TimeSpan drainTimeout)
    {
        _stopped = true;
        _started.TrySetException(new IOException("The embedded ActorStream node is stopped"));
        var deadline = _time.GetTimestamp() + (long)(drainTimeout.TotalSeconds * _time.TimestampFrequency);
        while (InFlightRequests > 0 && _time.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time).ConfigureAwait(false);
        }

        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }
    }

    internal void RequestStarted() => Interlocked.Increment(ref _inFlight);

    internal void RequestCompleted() => Interlocked.Decrement(ref _inFlight);

    internal void Remove(long id) => _connections.TryRemove(id, out _);

    private static partial class Log
    {
        [LoggerMessage(EventId = 7000, Level = LogLevel.Debug, Message = "In-process connection {ConnectionId} opened")]
        public static partial void Connected(ILogger logger, long connectionId);
    }
}
