using System.Net;
using System.Net.Sockets;

namespace ActorStream.Node.Tests.Support;

/// <summary>Loopback ports the OS just handed out (bound and released, so the node can bind them).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
