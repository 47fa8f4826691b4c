using ActorStream.Configuration;
using ActorStream.Event;

namespace ActorStream.Actor;

/// <summary>
/// A hierarchy of actors sharing configuration, dispatchers, a scheduler and an event stream.
/// Create one per application (or per node); <see cref="Terminate"/> stops every actor.
/// </summary>
public abstract class ActorSystem : IActorRefFactory, IDisposable
{
    /// <summary>Creates a system with the defaults of reference.conf.</summary>
    public static ActorSystem Create(string name) => Create(name, BootstrapSetup.Create());

    /// <summary>Creates a system; <paramref name="config"/> is merged over reference.conf.</summary>
    public static ActorSystem Create(string name, Config config) => Create(name, BootstrapSetup.Create().WithConfig(config));

    public static ActorSystem Create(string name, BootstrapSetup setup)
    {
        var system = new ActorSystemImpl(name, setup);
        system.Start();
        return system;
    }

    public abstract string Name { get; }

    public abstract Settings Settings { get; }

    public abstract IScheduler Scheduler { get; }

    public abstract EventStream EventStream { get; }

    public abstract IActorRef DeadLetters { get; }

    public abstract ILoggingAdapter Log { get; }

    /// <summary>Completes when the system has terminated (all actors stopped).</summary>
    public abstract Task WhenTerminated { get; }

    public abstract DateTimeOffset StartTime { get; }

    public TimeSpan Uptime => Scheduler.Now - StartTime;

    public abstract IActorRef ActorOf(Props props, string? name = null);

    public abstract ActorSelection ActorSelection(string path);

    public abstract ActorSelection ActorSelection(ActorPath path);

    /// <summary>Stops an actor asynchronously.</summary>
    public abstract void Stop(IActorRef actor);

    /// <summary>Runs the coordinated shutdown (if enabled) and stops every actor.</summary>
    public abstract Task Terminate();

    /// <summary>The registered extension of type <typeparamref name="T"/>, or null.</summary>
    public abstract T? GetExtension<T>()
        where T : class, IExtension;

    public abstract bool HasExtension<T>()
        where T : class, IExtension;

    /// <summary>Registers (once) and returns the extension created by <paramref name="extension"/>.</summary>
    public abstract object RegisterExtension(IExtensionId extension);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    public override string ToString() => $"akka://{Name}";
}
