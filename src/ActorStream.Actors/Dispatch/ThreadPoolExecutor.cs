namespace ActorStream.Dispatch;

/// <summary>Runs turns on the .NET thread pool without capturing execution context (no allocation per turn).</summary>
internal sealed class ThreadPoolExecutor : IMailboxExecutor
{
    public static readonly ThreadPoolExecutor Instance = new();

    public void Execute(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);

    /// <summary>The worker's local queue is cheaper and keeps the actor's data in this core's cache; idle workers still steal it.</summary>
    public void ExecuteFromTurn(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: true);

    public void Shutdown()
    {
    }
}
