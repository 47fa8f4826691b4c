using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;

namespace ActorStream.ClientCompat.Tests;

/// <summary>
/// A bare Metadata v0 request (all topics) over its own connection: tells whether the node answers,
/// without any client library in between.
/// </summary>
public static class MetadataProbe
{
    private const int CorrelationId = 7;

    /// <summary>True when the node at host:port answered within <paramref name="timeout"/>; false when it refused, closed or stayed silent.</summary>
    public static async Task<bool> TryRoundTripAsync(string address, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var colon = address.LastIndexOf(':');
        var host = address[..colon];
        var port = int.Parse(address.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(timeout);
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, attempt.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Request(), attempt.Token);
            var header = new byte[8];
            await stream.ReadExactlyAsync(header, attempt.Token);
            return BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)) == CorrelationId;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    // size | api key 3 | version 0 | correlation id | client id | topics: empty array (= all topics in v0)
    private static byte[] Request()
    {
        var clientId = "compat-probe"u8;
        var frame = new byte[4 + 2 + 2 + 4 + 2 + clientId.Length + 4];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, frame.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], 3);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], CorrelationId);
        BinaryPrimitives.WriteInt16BigEndian(span[12..], (short)clientId.Length);
        clientId.CopyTo(span[14..]);
        BinaryPrimitives.WriteInt32BigEndian(span[(14 + clientId.Length)..], 0);
        return frame;
    }
}
