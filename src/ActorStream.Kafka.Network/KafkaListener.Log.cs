using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ActorStream.Kafka.Network;

public sealed partial class KafkaListener
{
    /// <summary>Log messages of the listener. Event ids 4100-4199 belong to ActorStream.Kafka.Network.</summary>
    internal static partial class Log
    {
        [LoggerMessage(4100, LogLevel.Information, "Kafka listener bound to {EndPoint}, advertised as {AdvertisedHost}:{AdvertisedPort}")]
        public static partial void ListenerStarted(ILogger logger, string endPoint, string advertisedHost, int advertisedPort);

        [LoggerMessage(4101, LogLevel.Information, "Kafka listener on {EndPoint} stopped")]
        public static partial void ListenerStopped(ILogger logger, string endPoint);

        [LoggerMessage(4102, LogLevel.Warning, "Accepting a connection failed ({SocketError}); the listener goes on")]
        public static partial void AcceptFailed(ILogger logger, SocketError socketError, Exception exception);

        [LoggerMessage(4103, LogLevel.Warning, "Connection from {Remote} rejected: {Limit} = {Value} reached")]
        public static partial void ConnectionRejected(ILogger logger, string remote, string limit, int value);

        [LoggerMessage(4104, LogLevel.Debug, "Connection {ConnectionId} from {Remote} accepted")]
        public static partial void ConnectionAccepted(ILogger logger, long connectionId, string remote);

        [LoggerMessage(4105, LogLevel.Debug, "Connection {ConnectionId} from {Remote} closed ({Reason})")]
        internal static partial void ConnectionClosed(ILogger logger, long connectionId, string remote, ConnectionCloseReason reason);

        [LoggerMessage(4106, LogLevel.Warning, "Connection {ConnectionId} from {Remote} closed: frame size {Size} is negative or above socket-request-max-bytes {MaxBytes}")]
        public static partial void FrameSizeInvalid(ILogger logger, long connectionId, string remote, int size, int maxBytes);

        [LoggerMessage(4107, LogLevel.Warning, "Connection {ConnectionId} from {Remote} closed: frame size {Size} is below the {MinBytes}-byte request header")]
        public static partial void FrameTooShort(ILogger logger, long connectionId, string remote, int size, int minBytes);

        [LoggerMessage(4108, LogLevel.Information, "Connection {ConnectionId} from {Remote} ended inside a frame ({Buffered} bytes buffered, declared size {Size})")]
        public static partial void TruncatedFrame(ILogger logger, long connectionId, string remote, long buffered, int size);

        [LoggerMessage(4109, LogLevel.Error, "Connection {ConnectionId} from {Remote} closed: the handler failed on api key {ApiKey} v{ApiVersion}, correlation id {CorrelationId}")]
        public static partial void HandlerFailed(ILogger logger, long connectionId, string remote, short apiKey, short apiVersion, int correlationId, Exception exception);

        [LoggerMessage(4110, LogLevel.Information, "Connection {ConnectionId} from {Remote} closed at the handler's request")]
        public static partial void HandlerRequestedClose(ILogger logger, long connectionId, string remote);

        [LoggerMessage(4111, LogLevel.Debug, "Connection {ConnectionId} from {Remote} closed: idle for {IdleTimeout}")]
        public static partial void IdleTimeout(ILogger logger, long connectionId, string remote, TimeSpan idleTimeout);

        [LoggerMessage(4112, LogLevel.Debug, "Connection {ConnectionId} from {Remote} lost: {Message}")]
        public static partial void TransportError(ILogger logger, long connectionId, string remote, string message);

        [LoggerMessage(4113, LogLevel.Warning, "Shutdown timeout {Timeout} expired with {Connections} connections open; aborting them")]
        public static partial void ShutdownTimedOut(ILogger logger, TimeSpan timeout, int connections);

        [LoggerMessage(4114, LogLevel.Error, "Connection {ConnectionId} from {Remote} failed unexpectedly")]
        public static partial void ConnectionFailed(ILogger logger, long connectionId, string remote, Exception exception);

        [LoggerMessage(4115, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: a callback of the connection-closed token threw")]
        public static partial void CancellationCallbackFailed(ILogger logger, long connectionId, string remote, Exception exception);

        [LoggerMessage(4117, LogLevel.Error, "The idle-connection check failed")]
        public static partial void IdleCheckFailed(ILogger logger, Exception exception);

        [LoggerMessage(4116, LogLevel.Trace, "Connection {ConnectionId}: request api key {ApiKey} v{ApiVersion}, correlation id {CorrelationId}, {Length} bytes")]
        public static partial void FrameReceived(ILogger logger, long connectionId, short apiKey, short apiVersion, int correlationId, int length);
    }
}
