using System.Globalization;

namespace ActorStream.Client.Network;

/// <summary>Parses <c>bootstrap.servers</c>: comma-separated <c>host:port</c>, IPv6 hosts in brackets (<c>[::1]:9092</c>).</summary>
internal static class BootstrapServers
{
    /// <summary>The addresses, with pseudo node ids -1, -2, … in list order; throws <see cref="ArgumentException"/> when malformed.</summary>
    public static BrokerEndpoint[] Parse(string? servers)
    {
        if (string.IsNullOrWhiteSpace(servers))
        {
            throw new ArgumentException("bootstrap.servers must name at least one host:port.");
        }

        var parts = servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new List<BrokerEndpoint>(parts.Length);
        foreach (var part in parts)
        {
            var address = part;
            var scheme = address.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                address = address[(scheme + 3)..]; // PLAINTEXT://host:port, as Kafka's listener syntax allows
            }

            var colon = address.LastIndexOf(':');
            if (colon <= 0 || colon == address.Length - 1)
            {
                throw new ArgumentException($"bootstrap.servers entry '{part}' is not host:port.");
            }

            var host = address[..colon];
            if (host.StartsWith('[') && host.EndsWith(']'))
            {
                host = host[1..^1];
            }

            if (!int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new ArgumentException($"bootstrap.servers entry '{part}' has an invalid port.");
            }

            result.Add(new BrokerEndpoint(-(result.Count + 1), host, port));
        }

        return result.ToArray();
    }
}
