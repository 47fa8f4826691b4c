using ActorStream.Dispatch;

namespace ActorStream.Actor;

internal sealed partial class ActorCell
{
    private readonly Lock _childrenLock = new();
    private Dictionary<string, ChildRestartStats>? _children;
    private HashSet<IActorRef>? _stoppingChildren;
    private long _nextChildNameNumber;

    /// <summary>True when ActorOf may not create children (the cell is stopping).</summary>
    private bool _childrenClosed;

    public IActorRef ActorOf(Props props, string? name = null) => ActorOfInternal(props, name);

    internal LocalActorRef ActorOfInternal(Props props, string? name, bool systemService = false)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null)
        {
            name = NextChildName();
        }
        else if (!ActorPath.IsValidPathElement(name) || (name[0] == '$' && !systemService))
        {
            throw new InvalidActorNameException($"Illegal actor name [{name}]: use letters, digits and -_.*+:@&=,!~';()%, and do not start with '$'");
        }

        var mailbox = SystemImpl.Mailboxes.Create(props, SystemImpl.Dispatchers.Lookup(props.Dispatcher));
        var path = Self.Path.ChildUnchecked(name, NewUid());
        var cell = new ActorCell(SystemImpl, Self, props, path, mailbox);
        lock (_childrenLock)
        {
            if (_childrenClosed)
            {
                throw new InvalidOperationException($"Cannot create child [{name}] of {Self.Path}: it is stopping");
            }

            _children ??= new Dictionary<string, ChildRestartStats>(StringComparer.Ordinal);
            if (!_children.TryAdd(name, new ChildRestartStats(cell.Self)))
            {
                throw new InvalidActorNameException($"Actor name [{name}] is not unique among the children of {Self.Path}");
            }
        }

        cell.Start();
        return cell.Self;
    }

    private string NextChildName()
    {
        var n = Interlocked.Increment(ref _nextChildNameNumber) - 1;
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = Base64Chars[(int)(n & 63)];
            n >>= 6;
        }
        while (n != 0);

        buffer[--i] = '$';
        return new string(buffer[i..]);
    }

    private const string Base64Chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";

    internal static long NewUid()
    {
        long uid;
        do
        {
            uid = Random.Shared.NextInt64();
        }
        while (uid == ActorPath.UndefinedUid);

        return uid;
    }

    public ActorSelection ActorSelection(string path) => ActorStream.Actor.ActorSelection.Create(Self, path, SystemImpl.RootGuardian);

    public ActorSelection ActorSelection(ActorPath path) => ActorStream.Actor.ActorSelection.Create(Self, path.ToStringWithoutUid(), SystemImpl.RootGuardian);

    public IActorRef Child(string name) => TryGetChild(name) ?? (IActorRef)Nobody.Instance;

    public IInternalActorRef? TryGetChild(string name)
    {
        lock (_childrenLock)
        {
            return _children is not null && _children.TryGetValue(name, out var stats) ? stats.Child : null;
        }
    }

    public IEnumerable<IActorRef> GetChildren() => ChildrenSnapshot();

    internal IInternalActorRef[] ChildrenSnapshot()
    {
        lock (_childrenLock)
        {
            if (_children is null || _children.Count == 0)
            {
                return [];
            }

            var result = new IInternalActorRef[_children.Count];
            var i = 0;
            foreach (var stats in _children.Values)
            {
                result[i++] = stats.Child;
            }

            return result;
        }
    }

    internal ChildRestartStats[] ChildStatsSnapshot()
    {
        lock (_childrenLock)
        {
            return _children is null ? [] : [.. _children.Values];
        }
    }

    private ChildRestartStats? TryGetChildStats(IActorRef child)
    {
        lock (_childrenLock)
        {
            return _children is not null && _children.TryGetValue(child.Path.Name, out var stats) && stats.Child.Equals(child) ? stats : null;
        }
    }

    public void Stop(IActorRef child)
    {
        if (child is not IInternalActorRef target)
        {
            return;
        }

        if (!target.Equals(Self) && TryGetChildStats(target) is not null)
        {
            (_stoppingChildren ??= []).Add(target);
        }

        target.Stop();
    }

    /// <summary>A child's DeathWatchNotification arrived: forget it and finish a pending restart or stop.</summary>
    private bool HandleChildTerminated(IActorRef child)
    {
        lock (_childrenLock)
        {
            if (_children is null || !_children.TryGetValue(child.Path.Name, out var stats) || !stats.Child.Equals(child))
            {
                return false;
            }

            _children.Remove(child.Path.Name);
        }

        _stoppingChildren?.Remove(child);
        if (_isTerminating)
        {
            FinishTerminateIfChildrenGone();
        }
        else if (_pendingRecreateCause is not null && (_stoppingChildren is null || _stoppingChildren.Count == 0))
        {
            var cause = _pendingRecreateCause;
            _pendingRecreateCause = null;
            FinishRecreate(cause);
        }

        return true;
    }

    private int ChildCount
    {
        get
        {
            lock (_childrenLock)
            {
                return _children?.Count ?? 0;
            }
        }
    }

    private void StopAllChildren()
    {
        foreach (var child in ChildrenSnapshot())
        {
            (_stoppingChildren ??= []).Add(child);
            child.Stop();
        }
    }

    private void CloseChildren()
    {
        lock (_childrenLock)
        {
            _childrenClosed = true;
        }
    }

    private void SendToChildren(SystemMessage message)
    {
        foreach (var child in ChildrenSnapshot())
        {
            child.SendSystemMessage(message);
        }
    }
}
