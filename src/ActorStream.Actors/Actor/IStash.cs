namespace ActorStream.Actor;

/// <summary>
/// Keeps messages aside until the actor is ready for them. Unstashed messages go to the front of
/// the mailbox in their original order. Use only from the actor's own turn.
/// </summary>
public interface IStash
{
    /// <summary>Number of stashed messages.</summary>
    int Count { get; }

    /// <summary>Stashes the current message; stashing the same message twice is an error.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Puts back the stashed messages that match <paramref name="predicate"/>; the others stay.</summary>
    void UnstashAll(Func<Envelope, bool> predicate);

    /// <summary>Drops every stashed message and returns them.</summary>
    IReadOnlyList<Envelope> ClearStash();
}
