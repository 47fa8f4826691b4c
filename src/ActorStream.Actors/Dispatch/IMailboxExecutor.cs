namespace ActorStream.Dispatch;

/// <summary>Where mailbox turns run.</summary>
internal interface IMailboxExecutor
{
    void Execute(Mailbox mailbox);

    /// <summary>Schedules the next turn of a mailbox from the end of its previous turn (on an executor thread).</summary>
    void ExecuteFromTurn(Mailbox mailbox) => Execute(mailbox);

    void Shutdown();
}
