namespace ActorStream.Client.Network;

/// <summary>
/// Where a broker listens. Bootstrap servers get negative pseudo node ids (-1, -2, …) until the
/// first Metadata response names the real brokers.
/// </summary>
/// <param name="NodeId">The broker's node id (negative for a bootstrap address).</param>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="Rack">The broker's rack, if it has one.</param>
internal readonly record struct BrokerEndpoint(int NodeId, string Host, int Port, string? Rack = null)
{
    /// <summary>True for a bootstrap address (not yet a known broker).</summary>
    public bool IsBootstrap => NodeId < 0;

    /// <summary>True if both name the same address (node id and rack aside).</summary>
    public bool SameAddress(BrokerEndpoint other) =>
        Port == other.Port && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Host}:{Port} (id: {NodeId})";
}
