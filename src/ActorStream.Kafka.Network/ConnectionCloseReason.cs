namespace ActorStream.Kafka.Network;

/// <summary>Why a connection closed; the first reason recorded wins.</summary>
internal enum ConnectionCloseReason
{
    None = 0,
    PeerClosed,
    FrameSizeInvalid,
    FrameTooShort,
    TruncatedFrame,
    HandlerRequestedClose,
    HandlerFailed,
    AbortedByHandler,
    IdleTimeout,
    ListenerStopping,
    ShutdownTimeout,
    SocketError,
}
