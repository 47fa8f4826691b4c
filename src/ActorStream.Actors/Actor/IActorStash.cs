namespace ActorStream.Actor;

/// <summary>An actor with a stash; the runtime sets <see cref="Stash"/> before the constructor body runs.</summary>
public interface IActorStash
{
    IStash Stash { get; set; }
}
