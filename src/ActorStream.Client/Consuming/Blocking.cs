namespace ActorStream.Client.Consuming;

/// <summary>
/// Waits for a task from a synchronous API (Commit, Committed, Close …) without Task.Wait: a
/// continuation sets an event the caller blocks on, then the outcome is rethrown unwrapped. The
/// task's continuations never need the blocked thread (library code uses ConfigureAwait(false)), so
/// this cannot deadlock. Stateless and thread-safe.
/// </summary>
internal static class Blocking
{
    public static void Wait(Task task)
    {
        Block(task);
#pragma warning disable VSTHRD002 // the task has completed: this only unwraps its exception
        task.GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
    }

    public static T Wait<T>(Task<T> task)
    {
        Block(task);
#pragma warning disable VSTHRD002 // the task has completed: this only reads its result
        return task.GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
    }

    private static void Block(Task task)
    {
        if (task.IsCompleted)
        {
            return;
        }

        using var done = new ManualResetEventSlim();
        _ = task.ContinueWith(static (_, state) => ((ManualResetEventSlim)state!).Set(), done,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        done.Wait();
    }
}
