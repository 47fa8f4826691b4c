namespace ActorStream.Kafka.Network;

/// <summary>
/// Serves the request frames a <see cref="KafkaListener"/> reads. The listener owns the sockets and the framing;
/// the handler decodes the request, does the work and encodes the response (header included).
/// </summary>
/// <remarks>
/// <para>
/// Calls: <see cref="HandleAsync"/> runs synchronously on the connection's read loop, one frame after another,
/// so the synchronous part must be short and must never block; anything slow belongs after the first
/// <c>await</c>. Calls for one connection never overlap in their synchronous parts, but their asynchronous
/// parts may run concurrently and complete in any order: the listener writes the responses in request order.
/// </para>
/// <para>
/// Buffers: the frame's bytes belong to the listener and stay valid until the returned task completes; a
/// handler that needs them longer copies them or takes them with <see cref="KafkaRequestFrame.DetachBuffer"/>.
/// The returned <see cref="KafkaResponse"/> passes ownership of its payload to the listener.
/// </para>
/// <para>
/// Errors: a thrown exception (synchronously or from the task) is a bug in the handler; the listener logs it at
/// Error, writes the responses of earlier requests and closes that connection only. Request-level errors
/// belong in the response's error fields.
/// </para>
/// <para>
/// Cancellation: the token fires when the connection closes (peer gone, abort, stop after the shutdown
/// timeout). The task must then complete promptly, since the listener waits for it before releasing the frame.
/// </para>
/// </remarks>
public interface IKafkaRequestHandler
{
    /// <summary>Serves one request frame.</summary>
    /// <param name="request">The frame: header and body, without the size prefix.</param>
    /// <param name="connection">The connection the frame arrived on.</param>
    /// <param name="cancellationToken">Fires when the connection closes.</param>
    /// <returns>The response to write, <see cref="KafkaResponse.NoResponse"/> or <see cref="KafkaResponse.CloseConnection"/>.</returns>
    ValueTask<KafkaResponse> HandleAsync(KafkaRequestFrame request, KafkaConnectionContext connection, CancellationToken cancellationToken);
}
