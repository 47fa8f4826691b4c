namespace ActorStream.Actor;

/// <summary>Marks an actor that needs an unbounded stash.</summary>
public interface IWithUnboundedStash : IActorStash
{
}
