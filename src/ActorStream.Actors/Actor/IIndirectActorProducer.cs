namespace ActorStream.Actor;

/// <summary>Creates actor instances for a <see cref="Props"/> (e.g. from a DI container).</summary>
public interface IIndirectActorProducer
{
    Type ActorType { get; }

    ActorBase Produce();

    /// <summary>Called after an instance stopped (or was replaced on restart), to release what <see cref="Produce"/> took.</summary>
    void Release(ActorBase actor);
}
