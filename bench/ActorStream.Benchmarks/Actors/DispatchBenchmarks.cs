using ActorStream.Actor;
using ActorStream.Configuration;
using BenchmarkDotNet.Attributes;

namespace ActorStream.Benchmarks.Actors;

/// <summary>
/// The whole dispatch path: Tell from a non-actor thread, mailbox scheduling on the pool, a turn
/// that invokes a ReceiveActor handler. One operation = one message delivered.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private const int Messages = 100_000;
    private ActorSystem _system = null!;
    private IActorRef _receive = null!;
    private IActorRef _untyped = null!;
    private Counter _counter = null!;

    [Params(1, 30, 1000)]
    public int Throughput { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigurationFactory.ParseString($"actorstream.loglevel = WARNING\nbench-dispatcher {{ throughput = {Throughput} }}");
        _system = ActorSystem.Create("dispatch-bench", config);
        _counter = new Counter();
        _receive = _system.ActorOf(Props.Create(() => new ReceiveCounter(_counter)).WithDispatcher("bench-dispatcher"));
        _untyped = _system.ActorOf(Props.Create(() => new UntypedCounter(_counter)).WithDispatcher("bench-dispatcher"));
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Dispose();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void TellReceiveActor() => Run(_receive);

    [Benchmark(OperationsPerInvoke = Messages)]
    public void TellUntypedActor() => Run(_untyped);

    private void Run(IActorRef target)
    {
        _counter.Reset(Messages);
        var message = new Tick();
        for (var i = 0; i < Messages; i++)
        {
            target.Tell(message, ActorRefs.NoSender);
        }

        _counter.Wait();
    }

    public sealed class Tick
    {
    }

    /// <summary>Signals when the expected number of messages arrived.</summary>
    public sealed class Counter
    {
        private readonly ManualResetEventSlim _done = new(false);
        private int _left;

        public void Reset(int expected)
        {
            _done.Reset();
            Volatile.Write(ref _left, expected);
        }

        public void Hit()
        {
            if (Interlocked.Decrement(ref _left) == 0)
            {
                _done.Set();
            }
        }

        public void Wait() => _done.Wait();
    }

    private sealed class ReceiveCounter : ReceiveActor
    {
        public ReceiveCounter(Counter counter) => Receive<Tick>(_ => counter.Hit());
    }

    private sealed class UntypedCounter(Counter counter) : UntypedActor
    {
        protected override void OnReceive(object message) => counter.Hit();
    }
}
