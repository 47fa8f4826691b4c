namespace ActorStream.Dispatch;

/// <summary>Runs turns on the .NET thread pool without capturing execution context (no allocation per turn).</summary>
internal sealed class ThreadPoolExecutor : IMailboxExecutor
{
    public static readonly ThreadPoolExecutor Instance = new();

    public void Execute(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);

    public void Shutdown()
    {
    }
}
