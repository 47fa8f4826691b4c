using ActorStream.Actor;
using ActorStream.Serialization;
using Microsoft.Extensions.Logging;

namespace ActorStream.Persistence;

/// <summary>What a plugin provider may use: the system, the serialization registry and a logger factory.</summary>
public sealed record PersistencePluginContext(ExtendedActorSystem System, SerializationRegistry Serialization, ILoggerFactory LoggerFactory);
