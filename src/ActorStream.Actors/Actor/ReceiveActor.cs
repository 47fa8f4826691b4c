namespace ActorStream.Actor;

/// <summary>
/// An actor whose behavior is a list of typed handlers registered in the constructor (or inside
/// <see cref="Become(Action)"/>). Handlers are tried in registration order; the first whose type
/// and predicate match handles the message.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerSet _initial = new();
    private HandlerSet _configuring;

    protected ReceiveActor() => _configuring = _initial;

    protected internal sealed override bool Receive(object message) => _initial.TryHandle(message);

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
        => _configuring.Add(new TypedHandler<T>(handler, shouldHandle));

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
        => _configuring.Add(new TypedHandler<T>(handler, shouldHandle));

    /// <summary>Handles <typeparamref name="T"/> when <paramref name="handler"/> returns true; false falls through.</summary>
    protected void Receive<T>(Func<T, bool> handler)
        => _configuring.Add(new FuncHandler<T>(handler));

    /// <summary>An async handler: the actor takes no other user message until the task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
        => _configuring.Add(new AsyncHandler<T>(Cell, handler, shouldHandle));

    protected void ReceiveAny(Action<object> handler) => _configuring.Add(new TypedHandler<object>(handler, null));

    protected void ReceiveAnyAsync(Func<object, Task> handler) => _configuring.Add(new AsyncHandler<object>(Cell, handler, null));

    /// <summary>Replaces the behavior with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Become(Build(configure).TryHandle);

    /// <summary>Pushes a behavior built by <paramref name="configure"/>; <c>UnbecomeStacked</c> pops it.</summary>
    protected void BecomeStacked(Action configure) => BecomeStacked(Build(configure).TryHandle);

    private HandlerSet Build(Action configure)
    {
        var previous = _configuring;
        var set = new HandlerSet();
        _configuring = set;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }

        return set;
    }

    private sealed class HandlerSet
    {
        private Handler[] _handlers = [];
        private int _count;

        public void Add(Handler handler)
        {
            if (_count == _handlers.Length)
            {
                Array.Resize(ref _handlers, Math.Max(4, _count * 2));
            }

            _handlers[_count++] = handler;
        }

        public bool TryHandle(object message)
        {
            var handlers = _handlers;
            for (var i = 0; i < _count; i++)
            {
                if (handlers[i].TryHandle(message))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class TypedHandler<T>(Action<T> action, Predicate<T>? predicate) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is T typed && (predicate is null || predicate(typed)))
            {
                action(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class FuncHandler<T>(Func<T, bool> handler) : Handler
    {
        public override bool TryHandle(object message) => message is T typed && handler(typed);
    }

    private sealed class AsyncHandler<T>(ActorCell cell, Func<T, Task> handler, Predicate<T>? predicate) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is T typed && (predicate is null || predicate(typed)))
            {
                cell.RunTask(() => handler(typed));
                return true;
            }

            return false;
        }
    }
}
