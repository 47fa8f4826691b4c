namespace ActorStream.Actor;

/// <summary>Identifies an extension and creates it on first use.</summary>
public interface IExtensionId
{
    Type ExtensionType { get; }

    object CreateExtension(ExtendedActorSystem system);
}
