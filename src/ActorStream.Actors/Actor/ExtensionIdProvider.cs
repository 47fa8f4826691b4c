namespace ActorStream.Actor;

/// <summary>Base of extension ids: <c>MyExtension.Get(system)</c> creates it once per system.</summary>
public abstract class ExtensionIdProvider<T> : IExtensionId
    where T : class, IExtension
{
    public Type ExtensionType => typeof(T);

    public T Get(ActorSystem system) => (T)system.RegisterExtension(this);

    object IExtensionId.CreateExtension(ExtendedActorSystem system) => CreateExtension(system);

    public abstract T CreateExtension(ExtendedActorSystem system);
}
