using System.Diagnostics;
using System.Globalization;
using ActorStream.Actor;
using ActorStream.Configuration;

namespace ActorStream.Benchmarks.Actors;

/// <summary>
/// End-to-end throughput of the actor runtime on this machine:
///   tell      one thread tells N messages into one counting actor;
///   pingpong  P actor pairs bounce messages, each pair with K in flight;
///   ask       C concurrent callers Ask an echo actor in a loop.
/// Each figure is the median of several runs after a warm-up. The last line is machine-readable.
/// </summary>
internal static class ActorThroughputBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var runs = options.Int("runs", 5);
        var tellCount = options.Long("tell", 20_000_000);
        var pairs = options.Int("pairs", 64);
        var pingPongCount = options.Long("pingpong", 20_000_000);
        var inFlight = options.Int("in-flight", 64);
        var askCount = options.Long("asks", 3_000_000);
        var askers = options.Int("askers", 512);

        var config = ConfigurationFactory.ParseString(options.String("config", "actorstream.loglevel = WARNING"));
        using var system = ActorSystem.Create("bench", config);
        Console.WriteLine($"actor runtime benchmark: {Environment.ProcessorCount} cores, {runs} runs each (median reported), .NET {Environment.Version}");

        var tell = await MeasureAsync("tell", runs, tellCount, () => TellAsync(system, tellCount));
        var pingPong = await MeasureAsync("pingpong", runs, pingPongCount, () => PingPongAsync(system, pairs, inFlight, pingPongCount));
        var ask = await MeasureAsync("ask", runs, askCount, () => AskAsync(system, askers, askCount));

        await system.Terminate();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tell={tell:F0} pingpong={pingPong:F0} ask={ask:F0}"));
        return 0;
    }

    private static async Task<double> MeasureAsync(string name, int runs, long operations, Func<Task<TimeSpan>> run)
    {
        await run(); // warm-up: JIT, tiered compilation, pool threads
        var rates = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var elapsed = await run();
            var rate = operations / elapsed.TotalSeconds;
            rates.Add(rate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-9} run {i + 1}: {rate,14:N0} /s  ({elapsed.TotalMilliseconds:F0} ms)"));
        }

        rates.Sort();
        var median = rates[rates.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-9} median: {median,14:N0} /s"));
        return median;
    }

    private static async Task<TimeSpan> TellAsync(ActorSystem system, long count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.ActorOf(Props.Create(() => new CountingActor(count, done)));
        var message = new object();
        var start = Stopwatch.GetTimestamp();
        await Task.Run(() =>
        {
            for (var i = 0L; i < count; i++)
            {
                counter.Tell(message, ActorRefs.NoSender);
            }
        });
        await done.Task;
        var elapsed = Stopwatch.GetElapsedTime(start);
        system.Stop(counter);
        return elapsed;
    }

    private static async Task<TimeSpan> PingPongAsync(ActorSystem system, int pairs, int inFlight, long total)
    {
        var perPair = total / pairs;
        var done = new CountdownEvent(pairs);
        var actors = new List<IActorRef>(pairs * 2);
        var starts = new List<(IActorRef Ping, IActorRef Pong)>(pairs);
        for (var i = 0; i < pairs; i++)
        {
            var pong = system.ActorOf(Props.Create(() => new PongActor()));
            var ping = system.ActorOf(Props.Create(() => new PingActor(pong, perPair, done)));
            actors.Add(pong);
            actors.Add(ping);
            starts.Add((ping, pong));
        }

        var start = Stopwatch.GetTimestamp();
        foreach (var (ping, _) in starts)
        {
            ping.Tell(new PingActor.Start(inFlight), ActorRefs.NoSender);
        }

        await Task.Run(() => done.Wait());
        var elapsed = Stopwatch.GetElapsedTime(start);
        foreach (var a in actors)
        {
            system.Stop(a);
        }

        done.Dispose();
        return elapsed;
    }

    private static async Task<TimeSpan> AskAsync(ActorSystem system, int askers, long total)
    {
        var echoes = new IActorRef[Math.Max(1, Environment.ProcessorCount)];
        for (var i = 0; i < echoes.Length; i++)
        {
            echoes[i] = system.ActorOf(Props.Create(() => new EchoActor()));
        }

        var perAsker = total / askers;
        var timeout = TimeSpan.FromSeconds(30);
        var start = Stopwatch.GetTimestamp();
        var tasks = new Task[askers];
        for (var a = 0; a < askers; a++)
        {
            var target = echoes[a % echoes.Length];
            tasks[a] = Task.Run(async () =>
            {
                for (var i = 0L; i < perAsker; i++)
                {
                    await target.Ask<object>(target, timeout);
                }
            });
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(start);
        foreach (var e in echoes)
        {
            system.Stop(e);
        }

        return elapsed;
    }

    private sealed class CountingActor(long expected, TaskCompletionSource done) : UntypedActor
    {
        private long _count;

        protected override void OnReceive(object message)
        {
            if (++_count == expected)
            {
                done.TrySetResult();
            }
        }
    }

    private sealed class EchoActor : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    private sealed class PongActor : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    private sealed class PingActor(IActorRef pong, long total, CountdownEvent done) : UntypedActor
    {
        private long _received;
        private long _sent;

        protected override void OnReceive(object message)
        {
            if (message is Start start)
            {
                for (var i = 0; i < start.InFlight && _sent < total; i++)
                {
                    _sent++;
                    pong.Tell(Ball.Instance, Self);
                }

                return;
            }

            // A round trip is two messages: ping→pong and pong→ping.
            _received += 2;
            if (_sent * 2 < total)
            {
                _sent++;
                pong.Tell(message, Self);
            }
            else if (_received >= total)
            {
                done.Signal();
            }
        }

        public sealed record Start(int InFlight);
    }

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }
}
