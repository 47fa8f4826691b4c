using System.Collections.Concurrent;

namespace ActorStream.Dispatch;

/// <summary>
/// Runs turns on threads of its own, so actors that block (file or database I/O) cannot starve
/// the thread pool. Work is handed over through one shared queue.
/// </summary>
internal sealed class DedicatedThreadExecutor : IMailboxExecutor, IDisposable
{
    private readonly BlockingCollection<Mailbox> _work = new(new ConcurrentQueue<Mailbox>());
    private readonly Thread[] _threads;

    public DedicatedThreadExecutor(string name, int threadCount)
    {
        _threads = new Thread[Math.Max(1, threadCount)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Loop) { IsBackground = true, Name = $"{name}-{i}" };
            _threads[i].Start();
        }
    }

    public void Execute(Mailbox mailbox)
    {
        if (!_work.IsAddingCompleted)
        {
            try
            {
                _work.Add(mailbox);
                return;
            }
            catch (InvalidOperationException)
            {
                // Shut down concurrently; fall through to the pool so the turn is not lost.
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
    }

    public void Shutdown() => _work.CompleteAdding();

    public void Dispose() => _work.Dispose();

    private void Loop()
    {
        foreach (var mailbox in _work.GetConsumingEnumerable())
        {
            mailbox.Run();
        }
    }
}
