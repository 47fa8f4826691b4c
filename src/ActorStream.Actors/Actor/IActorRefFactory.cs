namespace ActorStream.Actor;

/// <summary>Creates actors and selections (the system for top-level actors, a context for children).</summary>
public interface IActorRefFactory
{
    /// <summary>Creates an actor; <paramref name="name"/> must be unique among its siblings (null: a generated <c>$</c> name).</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Selects actors by an absolute path or one relative to this factory (<c>..</c>, <c>*</c>, <c>?</c> allowed).</summary>
    ActorSelection ActorSelection(string path);

    ActorSelection ActorSelection(ActorPath path);
}
