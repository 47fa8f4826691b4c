using System.Linq.Expressions;
using System.Reflection;

namespace ActorStream.Actor;

/// <summary>
/// An immutable recipe for creating an actor: its type and constructor arguments (evaluated once and
/// reused on every restart), dispatcher, mailbox and the supervisor strategy it applies to its children.
/// </summary>
public class Props
{
    public const string DefaultDispatcherId = "actorstream.actor.default-dispatcher";
    public const string DefaultMailboxId = "actorstream.actor.default-mailbox";

    private readonly Func<ActorBase> _factory;
    private readonly IIndirectActorProducer? _producer;

    /// <summary>Props that create nothing; used by the runtime for refs without an actor.</summary>
    public static readonly Props None = new(typeof(ActorBase), [], static () => throw new InvalidOperationException("Props.None creates no actor"), null);

    private Props(Type type, object?[] arguments, Func<ActorBase> factory, IIndirectActorProducer? producer)
    {
        Type = type;
        Arguments = arguments;
        _factory = factory;
        _producer = producer;
    }

    private Props(Props copy)
    {
        Type = copy.Type;
        Arguments = copy.Arguments;
        _factory = copy._factory;
        _producer = copy._producer;
        Dispatcher = copy.Dispatcher;
        Mailbox = copy.Mailbox;
        SupervisorStrategy = copy.SupervisorStrategy;
    }

    public Type Type { get; }

    public IReadOnlyList<object?> Arguments { get; }

    public string Dispatcher { get; private init; } = DefaultDispatcherId;

    public string Mailbox { get; private init; } = DefaultMailboxId;

    /// <summary>The strategy the created actor applies to its own children; null means its <c>SupervisorStrategy()</c>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    /// <summary>Creates Props from <c>() => new TActor(args)</c>; the arguments are evaluated once, here.</summary>
    public static Props Create<TActor>(Expression<Func<TActor>> factory, SupervisorStrategy? supervisorStrategy = null)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (factory.Body is not NewExpression newExpression || newExpression.Constructor is null)
        {
            throw new ArgumentException("The factory must be a 'new' expression, e.g. Props.Create(() => new MyActor(a, b))", nameof(factory));
        }

        var args = new object?[newExpression.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Evaluate(newExpression.Arguments[i]);
        }

        return new Props(typeof(TActor), args, CreateFactory(newExpression.Constructor, args), null) { SupervisorStrategy = supervisorStrategy };
    }

    /// <summary>Creates Props for <typeparamref name="TActor"/> with the constructor matching <paramref name="args"/>.</summary>
    public static Props Create<TActor>(params object?[] args)
        where TActor : ActorBase
        => Create(typeof(TActor), args);

    public static Props Create(Type type, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(ActorBase).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type} is not a concrete actor type (it must derive from ActorBase)", nameof(type));
        }

        args ??= [];
        var ctor = FindConstructor(type, args);
        return new Props(type, args, CreateFactory(ctor, args), null);
    }

    /// <summary>Creates Props whose instances come from <paramref name="producer"/>.</summary>
    public static Props CreateBy(IIndirectActorProducer producer)
    {
        ArgumentNullException.ThrowIfNull(producer);
        return new Props(producer.ActorType, [], producer.Produce, producer);
    }

    public Props WithDispatcher(string dispatcherId) => new(this) { Dispatcher = dispatcherId };

    public Props WithMailbox(string mailboxId) => new(this) { Mailbox = mailboxId };

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(this) { SupervisorStrategy = strategy };

    /// <summary>Creates a new instance; called by the runtime with the actor's context installed.</summary>
    internal ActorBase NewActor() => _factory();

    internal void Release(ActorBase actor) => _producer?.Release(actor);

    public override string ToString() => $"Props({Type.Name}, dispatcher={Dispatcher}, mailbox={Mailbox})";

    private static object? Evaluate(Expression expression)
    {
        if (expression is ConstantExpression constant)
        {
            return constant.Value;
        }

        var lambda = Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object)));
        return lambda.Compile(preferInterpretation: true)();
    }

    private static Func<ActorBase> CreateFactory(ConstructorInfo ctor, object?[] args)
    {
        if (args.Length == 0)
        {
            return () => (ActorBase)ctor.Invoke(null);
        }

        return () => (ActorBase)ctor.Invoke(args);
    }

    private static ConstructorInfo FindConstructor(Type type, object?[] args)
    {
        foreach (var ctor in type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var parameters = ctor.GetParameters();
            if (parameters.Length != args.Length)
            {
                continue;
            }

            var match = true;
            for (var i = 0; i < parameters.Length && match; i++)
            {
                var p = parameters[i].ParameterType;
                match = args[i] is null ? !p.IsValueType || Nullable.GetUnderlyingType(p) is not null : p.IsInstanceOfType(args[i]);
            }

            if (match)
            {
                return ctor;
            }
        }

        throw new ArgumentException($"{type} has no constructor taking {args.Length} argument(s) of the given types");
    }
}
