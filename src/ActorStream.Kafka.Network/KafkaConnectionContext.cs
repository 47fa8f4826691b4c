using System.Net;

namespace ActorStream.Kafka.Network;

/// <summary>
/// What a handler knows about the connection a request arrived on, and the handler's per-connection state.
/// One instance per connection, alive until the connection closes.
/// </summary>
/// <remarks>
/// Thread-safety: the identity members are immutable. <see cref="State"/> is a plain field: handler calls for
/// one connection start one after another on its read loop, but their asynchronous continuations may run
/// concurrently, so a handler that changes <see cref="State"/> after an <c>await</c> synchronises itself.
/// </remarks>
public sealed class KafkaConnectionContext
{
    private readonly KafkaConnection? _connection;
    private readonly Action? _abort;

    internal KafkaConnectionContext(long connectionId, EndPoint? localEndPoint, EndPoint? remoteEndPoint, KafkaConnection? connection, CancellationToken connectionClosed)
    {
        ConnectionId = connectionId;
        LocalEndPoint = localEndPoint;
        RemoteEndPoint = remoteEndPoint;
        _connection = connection;
        ConnectionClosed = connectionClosed;
    }

    /// <summary>
    /// The context of a connection that no listener owns (an in-process transport).
    /// </summary>
    /// <param name="connectionId">The connection's id (used in logs).</param>
    /// <param name="localEndPoint">The broker's end, if it has one.</param>
    /// <param name="remoteEndPoint">The client's end, if it has one.</param>
    /// <param name="abort">What <see cref="Abort"/> does.</param>
    /// <param name="connectionClosed">Fires when the connection closes.</param>
    public KafkaConnectionContext(long connectionId, EndPoint? localEndPoint, EndPoint? remoteEndPoint, Action? abort, CancellationToken connectionClosed)
    {
        ConnectionId = connectionId;
        LocalEndPoint = localEndPoint;
        RemoteEndPoint = remoteEndPoint;
        ConnectionClosed = connectionClosed;
        _abort = abort;
    }

    /// <summary>The connection's id, unique within its listener, starting at 1 (used in logs).</summary>
    public long ConnectionId { get; }

    /// <summary>The listener's end of the connection.</summary>
    public EndPoint? LocalEndPoint { get; }

    /// <summary>The client's end of the connection.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>Fires when the connection closes or is aborted; the token handed to every handler call.</summary>
    public CancellationToken ConnectionClosed { get; }

    /// <summary>
    /// State the handler keeps per connection (e.g. the negotiated ApiVersions or the SASL stage); the listener
    /// never reads it.
    /// </summary>
    public object? State { get; set; }

    /// <summary>
    /// Closes the connection now: reading stops, no further response is written, <see cref="ConnectionClosed"/>
    /// fires. Idempotent and safe from any thread.
    /// </summary>
    public void Abort()
    {
        _connection?.Abort(ConnectionCloseReason.AbortedByHandler);
        _abort?.Invoke();
    }

    /// <inheritdoc />
    public override string ToString() => $"connection {ConnectionId} from {RemoteEndPoint}";
}
