namespace ActorStream.Client;

/// <summary>A broker as listed in a Metadata response. Immutable.</summary>
/// <param name="BrokerId">The broker's node id.</param>
/// <param name="Host">Advertised host.</param>
/// <param name="Port">Advertised port.</param>
public sealed record BrokerMetadata(int BrokerId, string Host, int Port);
