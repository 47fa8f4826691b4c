namespace ActorStream.Kafka.Network;

/// <summary>The listener's counters, updated with <see cref="Interlocked"/>; thread-safe.</summary>
internal sealed class ListenerCounters
{
    public long ConnectionsAccepted;
    public long ConnectionsClosed;
    public long ConnectionsRejected;
    public long ActiveConnections;
    public long IdleConnectionsClosed;
    public long RequestsReceived;
    public long ResponsesSent;
    public long BytesReceived;
    public long BytesSent;
    public long FramesRejected;
    public long HandlerFailures;

    public KafkaListenerMetricsSnapshot Snapshot() => new(
        Volatile.Read(ref ConnectionsAccepted),
        Volatile.Read(ref ConnectionsClosed),
        Volatile.Read(ref ConnectionsRejected),
        Volatile.Read(ref ActiveConnections),
        Volatile.Read(ref IdleConnectionsClosed),
        Volatile.Read(ref RequestsReceived),
        Volatile.Read(ref ResponsesSent),
        Volatile.Read(ref BytesReceived),
        Volatile.Read(ref BytesSent),
        Volatile.Read(ref FramesRejected),
        Volatile.Read(ref HandlerFailures));
}
