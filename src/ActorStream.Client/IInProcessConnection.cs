using System.Buffers;

namespace ActorStream.Client;

/// <summary>
/// One connection to an <see cref="IInProcessBroker"/>: takes encoded Kafka request frames and returns
/// encoded response frames, as a TCP connection would carry them, minus the 4-byte size prefix.
/// </summary>
/// <remarks>
/// <para>
/// Ordering: the client calls <see cref="SendAsync"/> for one connection from one loop, one request
/// after another, never concurrently; the broker starts serving them in that order (as a broker
/// reads a socket). The returned tasks may complete in any order; the client hands the responses on
/// in request order.
/// </para>
/// <para>
/// Buffers: the request frame stays valid until the returned task completes. The returned
/// owner belongs to the client, which disposes it once the response is decoded.
/// </para>
/// <para>
/// Errors: an exception (thrown or from the task) means the broker closed the connection; the client
/// fails everything in flight on it with a transport error and opens a new connection.
/// </para>
/// </remarks>
public interface IInProcessConnection : IDisposable
{
    /// <summary>
    /// Serves one request frame: the request header (api key, api version, correlation id, client
    /// id) and body, without the size prefix. Completes with the response frame (correlation id,
    /// header and body, without the size prefix) or with null when the request gets no response
    /// (an acks=0 produce).
    /// </summary>
    /// <param name="request">The encoded request frame.</param>
    /// <param name="cancellationToken">Fires when the client closes the connection.</param>
    ValueTask<IMemoryOwner<byte>?> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken);
}
