namespace ActorStream.Kafka.Network;

/// <summary>
/// A point-in-time copy of a <see cref="KafkaListener"/>'s counters. The counters are cumulative since the
/// listener was created, except <see cref="ActiveConnections"/>. Byte counts include the 4-byte size prefixes.
/// </summary>
/// <param name="ConnectionsAccepted">Connections accepted and served.</param>
/// <param name="ConnectionsClosed">Served connections that have closed, for any reason.</param>
/// <param name="ConnectionsRejected">Connections accepted and closed at once because a connection limit was reached.</param>
/// <param name="ActiveConnections">Connections open now.</param>
/// <param name="IdleConnectionsClosed">Connections closed by the idle check.</param>
/// <param name="RequestsReceived">Complete, well-sized request frames handed to the handler.</param>
/// <param name="ResponsesSent">Response frames written.</param>
/// <param name="BytesReceived">Bytes of request frames handed to the handler.</param>
/// <param name="BytesSent">Bytes of response frames written.</param>
/// <param name="FramesRejected">Frames whose size prefix was negative, too large or too small (the connection was closed).</param>
/// <param name="HandlerFailures">Handler calls that threw or faulted (the connection was closed).</param>
public readonly record struct KafkaListenerMetricsSnapshot(
    long ConnectionsAccepted,
    long ConnectionsClosed,
    long ConnectionsRejected,
    long ActiveConnections,
    long IdleConnectionsClosed,
    long RequestsReceived,
    long ResponsesSent,
    long BytesReceived,
    long BytesSent,
    long FramesRejected,
    long HandlerFailures);
