namespace ActorStream.Client;

/// <summary>
/// A broker in the client's own process that the client reaches without sockets (an embedded
/// ActorStream node). Select it with <c>UseInProcess</c> on <see cref="ProducerBuilder{TKey,TValue}"/>,
/// <see cref="ConsumerBuilder{TKey,TValue}"/> or <see cref="AdminClientBuilder"/>: every connection
/// the client opens, to the bootstrap address and to every broker that Metadata names, then goes to
/// this broker through <see cref="ConnectAsync"/>. Implementations are thread-safe.
/// </summary>
public interface IInProcessBroker
{
    /// <summary>
    /// Opens one connection (the in-process counterpart of a TCP connection). Throws when the broker
    /// is not running; the client then backs off and retries as it would after a refused connection.
    /// </summary>
    /// <param name="cancellationToken">Abandons the attempt.</param>
    ValueTask<IInProcessConnection> ConnectAsync(CancellationToken cancellationToken);
}
