using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ActorStream.Configuration;
using ActorStream.Dispatch;
using ActorStream.Event;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actor;

/// <summary>The local actor system: guardians, dispatchers, scheduler, event stream and extensions.</summary>
internal sealed partial class ActorSystemImpl : ExtendedActorSystem
{
    private static ActorSystemImpl? s_default;

    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, Lazy<object>> _extensions = new();
    private readonly ILoggerFactory? _loggerFactory;
    private ActorCell _rootCell = null!;
    private LocalActorRef _userGuardian = null!;
    private LocalActorRef _systemGuardian = null!;
    private long _tempNumber;
    private long _deadLetterCount;
    private int _terminating;
    private ILoggingAdapter? _log;

    public ActorSystemImpl(string name, BootstrapSetup setup)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException($"Invalid actor system name [{name}]: use ASCII letters, digits, '-' and '_', starting with a letter or digit", nameof(name));
        }

        Name = name;
        _loggerFactory = setup.LoggerFactory;
        var reference = ConfigurationFactory.FromResource(typeof(ActorSystemImpl).Assembly, "ActorStream.Actors.reference.conf");
        var config = (setup.Config ?? Config.Empty).WithFallback(reference);
        Settings = new Settings(this, config);
        EventStream = new EventStream();
        Scheduler = CreateScheduler(config);
        Dispatchers = new Dispatchers(config);
        Mailboxes = new Mailboxes(config);
        RootPath = ActorPath.CreateRoot(new Address("akka", name));
        TempPath = RootPath.ChildUnchecked("temp", ActorPath.UndefinedUid);
        DeadLettersInternal = new DeadLetterActorRef(this, RootPath.ChildUnchecked("deadLetters", ActorPath.UndefinedUid));
        StartTime = Scheduler.Now;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex ValidName();

    /// <summary>The most recently started system; lets Ask find a scheduler for refs that carry none.</summary>
    internal static ActorSystemImpl? Default => Volatile.Read(ref s_default);

    public override string Name { get; }

    public override Settings Settings { get; }

    public override IScheduler Scheduler { get; }

    public override EventStream EventStream { get; }

    public override IActorRef DeadLetters => DeadLettersInternal;

    internal DeadLetterActorRef DeadLettersInternal { get; }

    public override ILoggingAdapter Log => _log ??= Logging.GetLogger(this, $"akka://{Name}", typeof(ActorSystem));

    public override Task WhenTerminated => _terminated.Task;

    public override DateTimeOffset StartTime { get; }

    public override ILoggerFactory? LoggerFactory => _loggerFactory;

    public override bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    internal Dispatchers Dispatchers { get; }

    internal Mailboxes Mailboxes { get; }

    internal ActorPath RootPath { get; }

    internal ActorPath TempPath { get; }

    internal long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    internal LocalActorRef UserGuardian => _userGuardian;

    internal LocalActorRef RootGuardian => _rootCell.Self;

    internal long NextTempId() => Interlocked.Increment(ref _tempNumber);

    internal void IncrementDeadLetters() => Interlocked.Increment(ref _deadLetterCount);

    private static IScheduler CreateScheduler(Config config)
    {
        var implementation = config.GetString("actorstream.scheduler.implementation", "hashed-wheel");
        if (implementation is null or "hashed-wheel")
        {
            return new HashedWheelScheduler(config);
        }

        var type = Type.GetType(implementation, throwOnError: false)
            ?? throw new ArgumentException($"actorstream.scheduler.implementation names type '{implementation}', which was not found");
        return (IScheduler)(Activator.CreateInstance(type, config)
            ?? throw new ArgumentException($"Could not create scheduler '{implementation}'"));
    }

    internal void Start()
    {
        var rootProps = Props.Create<RootGuardianActor>();
        var rootMailbox = Mailboxes.Create(rootProps, Dispatchers.Lookup("actorstream.actor.internal-dispatcher"));
        var observer = new TerminationObserver(this, RootPath.ChildUnchecked("bubble-walker", 1));
        _rootCell = new ActorCell(this, observer, rootProps, RootPath.WithUid(ActorCell.NewUid()), rootMailbox);
        var guardianProps = Props.Create<GuardianActor>().WithDispatcher("actorstream.actor.internal-dispatcher");
        _userGuardian = _rootCell.ActorOfInternal(guardianProps, "user", systemService: true);
        _systemGuardian = _rootCell.ActorOfInternal(guardianProps, "system", systemService: true);
        _rootCell.Start();

        var listener = Props.Create(() => new DeadLetterListener(this, Settings.LogDeadLetters, Settings.LogDeadLettersSuspendDuration));
        // Subscribed here, not only in its PreStart, so dead letters published before it starts are still logged.
        EventStream.Subscribe(SystemActorOf(listener, "deadLetterListener"), typeof(DeadLetter));
        if (_loggerFactory is not null)
        {
            var logger = SystemActorOf(Props.Create(() => new LoggerFactoryLogger(_loggerFactory)), "log-microsoft-extensions");
            EventStream.Subscribe(logger, typeof(LogEvent));
        }

        Volatile.Write(ref s_default, this);
    }

    public override IActorRef ActorOf(Props props, string? name = null)
    {
        if (IsTerminating)
        {
            throw new InvalidOperationException($"Cannot create actor {name}: the actor system {Name} is terminating");
        }

        return _userGuardian.Cell.ActorOfInternal(props, name);
    }

    public override IActorRef SystemActorOf(Props props, string? name = null)
        => _systemGuardian.Cell.ActorOfInternal(props, name);

    public override ActorSelection ActorSelection(string path) => ActorStream.Actor.ActorSelection.Create(RootGuardian, path, RootGuardian);

    public override ActorSelection ActorSelection(ActorPath path) => ActorStream.Actor.ActorSelection.Create(RootGuardian, path.ToStringWithoutUid(), RootGuardian);

    public override void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef target)
        {
            target.Stop();
        }
    }

    public override Task Terminate()
    {
        if (Settings.CoordinatedShutdownRunByActorSystemTerminate && !IsTerminating)
        {
            _ = CoordinatedShutdown.Get(this).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
            return WhenTerminated;
        }

        FinalTerminate();
        return WhenTerminated;
    }

    /// <summary>Stops <c>/user</c>; the root guardian then stops <c>/system</c> and itself.</summary>
    internal void FinalTerminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            _userGuardian.Stop();
        }
    }

    internal void OnRootTerminated()
    {
        Interlocked.Exchange(ref _terminating, 1);
        (Scheduler as IDisposable)?.Dispose();
        Dispatchers.Shutdown();
        Interlocked.CompareExchange(ref s_default, null, this);
        _terminated.TrySetResult();
    }

    public override T? GetExtension<T>()
        where T : class
        => _extensions.TryGetValue(typeof(T), out var lazy) ? (T)lazy.Value : null;

    public override bool HasExtension<T>() => _extensions.ContainsKey(typeof(T));

    public override object RegisterExtension(IExtensionId extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return _extensions.GetOrAdd(extension.ExtensionType, _ => new Lazy<object>(() => extension.CreateExtension(this))).Value;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !WhenTerminated.IsCompleted)
        {
            Terminate();
#pragma warning disable VSTHRD002, RS0030 // Dispose is synchronous by contract; the wait is bounded.
            WhenTerminated.Wait(Settings.CreationTimeout);
#pragma warning restore VSTHRD002, RS0030
        }

        base.Dispose(disposing);
    }
}
