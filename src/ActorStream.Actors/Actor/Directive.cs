namespace ActorStream.Actor;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; continue with the next message.</summary>
    Resume = 0,

    /// <summary>Replace the instance (state lost, mailbox kept).</summary>
    Restart = 1,

    /// <summary>Fail the supervisor itself with the same exception.</summary>
    Escalate = 2,

    /// <summary>Stop the child.</summary>
    Stop = 3,
}
