namespace ActorStream.Persistence;

/// <summary>
/// A persistent actor whose command and recovery handlers are registered in the constructor, tried in
/// registration order (first match wins). <c>Become(Action)</c> replaces the command handlers.
/// </summary>
public abstract class ReceivePersistentActor : Eventsourced
{
    private readonly HandlerList _commands = new();
    private readonly HandlerList _recovers = new();
    private HandlerList _configuring;

    protected ReceivePersistentActor() => _configuring = _commands;

    protected sealed override bool ReceiveCommand(object message) => _commands.TryHandle(message);

    protected sealed override bool ReceiveRecover(object message) => _recovers.TryHandle(message);

    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
        => _configuring.Add(m => m is T t && (shouldHandle is null || shouldHandle(t)) && Run(handler, t));

    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler) => Command(handler, shouldHandle);

    /// <summary>Handles <typeparamref name="T"/> when <paramref name="handler"/> returns true; false falls through.</summary>
    protected void Command<T>(Func<T, bool> handler) => _configuring.Add(m => m is T t && handler(t));

    /// <summary>An async command handler: no other command is handled until its task completes.</summary>
    protected void CommandAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
        => _configuring.Add(m =>
        {
            if (m is T t && (shouldHandle is null || shouldHandle(t)))
            {
                Cell.RunTask(() => handler(t));
                return true;
            }

            return false;
        });

    protected void CommandAny(Action<object> handler) => _configuring.Add(m => Run(handler, m));

    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
        => _recovers.Add(m => m is T t && (shouldHandle is null || shouldHandle(t)) && Run(handler, t));

    protected void Recover<T>(Func<T, bool> handler) => _recovers.Add(m => m is T t && handler(t));

    protected void RecoverAny(Action<object> handler) => _recovers.Add(m => Run(handler, m));

    /// <summary>Replaces the command handlers with those <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Become(Build(configure).TryHandle);

    protected void BecomeStacked(Action configure) => BecomeStacked(Build(configure).TryHandle);

    private HandlerList Build(Action configure)
    {
        var previous = _configuring;
        var list = new HandlerList();
        _configuring = list;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }

        return list;
    }

    private static bool Run<T>(Action<T> handler, T value)
    {
        handler(value);
        return true;
    }

    private sealed class HandlerList
    {
        private readonly List<Func<object, bool>> _handlers = [];

        public void Add(Func<object, bool> handler) => _handlers.Add(handler);

        public bool TryHandle(object message)
        {
            foreach (var handler in _handlers)
            {
                if (handler(message))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
