namespace ActorStream.Dispatch;

/// <summary>Where mailbox turns run.</summary>
internal interface IMailboxExecutor
{
    void Execute(Mailbox mailbox);

    void Shutdown();
}
