using System.Collections.Concurrent;

namespace ActorStream.Kafka.Network.Tests.Support;

/// <summary>
/// Holds every request until the test releases it, then echoes it (or answers nothing for
/// <see cref="EchoHandler.NoResponseKey"/>). Tracks how many requests were outstanding at most. Thread-safe.
/// </summary>
internal sealed class DeferredHandler : IKafkaRequestHandler
{
    private readonly ConcurrentQueue<TaskCompletionSource> _pending = new();
    private int _outstanding;
    private int _maxOutstanding;
    private int _cancelled;

    public int Outstanding => Volatile.Read(ref _outstanding);

    public int MaxOutstanding => Volatile.Read(ref _maxOutstanding);

    public int Cancelled => Volatile.Read(ref _cancelled);

    /// <summary>Requests received and not yet taken by <see cref="TakePending"/>.</summary>
    public int PendingCount => _pending.Count;

    public async ValueTask<KafkaResponse> HandleAsync(KafkaRequestFrame request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outstanding = Interlocked.Increment(ref _outstanding);
        int max;
        while (outstanding > (max = Volatile.Read(ref _maxOutstanding)) && Interlocked.CompareExchange(ref _maxOutstanding, outstanding, max) != max)
        {
        }

        _pending.Enqueue(gate);
        try
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }

        // The frame is still valid: this task has not completed yet.
        return request.ApiKey == EchoHandler.NoResponseKey ? KafkaResponse.NoResponse : EchoHandler.Echo(request);
    }

    public List<TaskCompletionSource> TakePending()
    {
        var taken = new List<TaskCompletionSource>();
        while (_pending.TryDequeue(out var gate))
        {
            taken.Add(gate);
        }

        return taken;
    }
}
