using System.Collections.Concurrent;
using ActorStream.Configuration;
using ActorStream.Event;

namespace ActorStream.Actor;

/// <summary>
/// Runs shutdown tasks in ordered phases (service unbind → requests done → cluster leave → …
/// → actor system terminate). Tasks of one phase run in parallel; a phase that exceeds its timeout
/// is logged and the next phase starts anyway. Runs at most once; later calls return the same task.
/// </summary>
public sealed class CoordinatedShutdown : IExtension
{
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";
    public const string PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";
    public const string PhaseClusterLeave = "cluster-leave";
    public const string PhaseClusterExiting = "cluster-exiting";
    public const string PhaseClusterExitingDone = "cluster-exiting-done";
    public const string PhaseClusterShutdown = "cluster-shutdown";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private readonly ActorSystemImpl _system;
    private readonly Dictionary<string, Phase> _phases;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Name, Func<Task<Done>> Task)>> _tasks = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<Done> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    internal CoordinatedShutdown(ActorSystemImpl system)
    {
        _system = system;
        var config = system.Settings.Config.GetConfig("actorstream.coordinated-shutdown");
        var defaultTimeout = config.GetTimeSpan("default-phase-timeout", TimeSpan.FromSeconds(5));
        _phases = ParsePhases(config.GetConfig("phases"), defaultTimeout);
        OrderedPhases = TopologicalSort(_phases);
    }

    public static CoordinatedShutdown Get(ActorSystem system) => (CoordinatedShutdown)system.RegisterExtension(Provider.Instance);

    /// <summary>Phases in the order they run.</summary>
    public IReadOnlyList<string> OrderedPhases { get; }

    /// <summary>Why the shutdown runs, once it runs.</summary>
    public Reason? ShutdownReason { get; private set; }

    public TimeSpan Timeout(string phase)
        => _phases.TryGetValue(phase, out var p) ? p.Timeout : throw new ArgumentException($"Unknown phase [{phase}]", nameof(phase));

    public TimeSpan TotalTimeout()
    {
        var total = TimeSpan.Zero;
        foreach (var phase in _phases.Values)
        {
            total += phase.Timeout;
        }

        return total;
    }

    /// <summary>Adds a task to a phase. Tasks added after the phase ran are ignored.</summary>
    public void AddTask(string phase, string taskName, Func<Task<Done>> task)
    {
        if (!_phases.ContainsKey(phase))
        {
            throw new ArgumentException($"Unknown phase [{phase}]; known phases: {string.Join(", ", OrderedPhases)}", nameof(phase));
        }

        ArgumentException.ThrowIfNullOrEmpty(taskName);
        ArgumentNullException.ThrowIfNull(task);
        _tasks.GetOrAdd(phase, _ => new()).Enqueue((taskName, task));
    }

    /// <summary>Runs every phase (from <paramref name="fromPhase"/>, if given) and terminates the actor system.</summary>
    public Task<Done> Run(Reason reason, string? fromPhase = null)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return _completed.Task;
        }

        ShutdownReason = reason;
        _ = RunPhasesAsync(fromPhase);
        return _completed.Task;
    }

    private async Task RunPhasesAsync(string? fromPhase)
    {
        var log = _system.Log;
        var started = fromPhase is null;
        foreach (var phaseName in OrderedPhases)
        {
            started |= phaseName == fromPhase;
            if (!started)
            {
                continue;
            }

            var phase = _phases[phaseName];
            var running = new List<Task>();
            if (_tasks.TryGetValue(phaseName, out var queue))
            {
                foreach (var (name, task) in queue)
                {
                    running.Add(RunTaskAsync(phaseName, name, task, log));
                }
            }

            if (phaseName == PhaseActorSystemTerminate)
            {
                _system.FinalTerminate();
                running.Add(_system.WhenTerminated);
            }

            if (running.Count == 0)
            {
                continue;
            }

            var all = Task.WhenAll(running);
            var finished = await Task.WhenAny(all, Task.Delay(phase.Timeout)).ConfigureAwait(false);
            if (finished != all)
            {
                log.Warning("Coordinated shutdown phase [{0}] timed out after {1}", phaseName, phase.Timeout);
                if (!phase.Recover)
                {
                    break;
                }
            }
        }

        // Whatever happened in the phases, the system must end.
        _system.FinalTerminate();
        _completed.TrySetResult(Done.Instance);
    }

    private static async Task RunTaskAsync(string phase, string name, Func<Task<Done>> task, ILoggingAdapter log)
    {
        try
        {
            await task().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Warning(e, "Coordinated shutdown task [{0}] in phase [{1}] failed: {2}", name, phase, e.Message);
        }
    }

    private static Dictionary<string, Phase> ParsePhases(Config phases, TimeSpan defaultTimeout)
    {
        var result = new Dictionary<string, Phase>(StringComparer.Ordinal);
        foreach (var (name, _) in phases.AsEnumerable())
        {
            var section = phases.GetConfig(name);
            result[name] = new Phase(
                section.GetStringList("depends-on", []),
                section.GetTimeSpan("timeout", defaultTimeout),
                section.GetBoolean("recover", true));
        }

        return result;
    }

    private static List<string> TopologicalSort(Dictionary<string, Phase> phases)
    {
        var result = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);

        void Visit(string name, Stack<string> path)
        {
            if (state.TryGetValue(name, out var s))
            {
                if (s == 1)
                {
                    throw new ArgumentException($"Cycle in coordinated-shutdown phases: {string.Join(" -> ", path.Reverse())} -> {name}");
                }

                return;
            }

            state[name] = 1;
            path.Push(name);
            if (phases.TryGetValue(name, out var phase))
            {
                foreach (var dependency in phase.DependsOn)
                {
                    Visit(dependency, path);
                }
            }

            path.Pop();
            state[name] = 2;
            result.Add(name);
        }

        foreach (var name in phases.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name, new Stack<string>());
        }

        return result;
    }

    private sealed record Phase(IList<string> DependsOn, TimeSpan Timeout, bool Recover);

    /// <summary>Why a shutdown runs.</summary>
    public class Reason
    {
        protected Reason()
        {
        }
    }

    /// <summary>The shutdown was started by <see cref="ActorSystem.Terminate"/>.</summary>
    public sealed class ActorSystemTerminateReason : Reason
    {
        public static readonly ActorSystemTerminateReason Instance = new();
    }

    /// <summary>The process is exiting (SIGTERM, Ctrl-C).</summary>
    public sealed class ClrExitReason : Reason
    {
        public static readonly ClrExitReason Instance = new();
    }

    /// <summary>No particular reason given.</summary>
    public sealed class UnknownReason : Reason
    {
        public static readonly UnknownReason Instance = new();
    }

    private sealed class Provider : ExtensionIdProvider<CoordinatedShutdown>
    {
        public static readonly Provider Instance = new();

        public override CoordinatedShutdown CreateExtension(ExtendedActorSystem system) => new((ActorSystemImpl)system);
    }
}
