using ActorStream.Actor;
using ActorStream.Dispatch;
using BenchmarkDotNet.Attributes;

namespace ActorStream.Benchmarks.Actors;

/// <summary>The user-message queue alone: enqueue a batch, drain it (single thread, no scheduling).</summary>
[MemoryDiagnoser]
[BenchmarkCategory("ZeroAlloc")]
public class MailboxBenchmarks
{
    private const int Batch = 1024;
    private readonly object _message = new();
    private MessageQueue _unbounded = null!;
    private MessageQueue _bounded = null!;

    [GlobalSetup]
    public void Setup()
    {
        _unbounded = new MessageQueue();
        _bounded = new BoundedMessageQueue(Batch * 2);
        Cycle(_unbounded);
        Cycle(_bounded);
    }

    [Benchmark(OperationsPerInvoke = Batch, Baseline = true)]
    public int Unbounded() => Cycle(_unbounded);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Bounded() => Cycle(_bounded);

    private int Cycle(MessageQueue queue)
    {
        for (var i = 0; i < Batch; i++)
        {
            queue.TryEnqueue(new Envelope(_message, null));
        }

        var n = 0;
        while (queue.TryDequeue(out _))
        {
            n++;
        }

        return n;
    }
}
