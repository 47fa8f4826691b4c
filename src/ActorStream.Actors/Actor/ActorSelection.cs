namespace ActorStream.Actor;

/// <summary>
/// Actors chosen by a path pattern relative to an anchor: exact names, <c>..</c> for the parent,
/// and the wildcards <c>*</c> and <c>?</c>. Messages go to every actor matching at send time (no
/// UID check). An <see cref="Identify"/> that matches nothing is answered with an empty identity.
/// </summary>
public sealed class ActorSelection : ICanTell
{
    private readonly string[] _elements;

    public ActorSelection(IActorRef anchor, string path)
        : this(anchor, path.Split('/', StringSplitOptions.RemoveEmptyEntries))
    {
    }

    public ActorSelection(IActorRef anchor, IEnumerable<string> elements)
    {
        Anchor = anchor ?? throw new ArgumentNullException(nameof(anchor));
        _elements = [.. elements];
        PathString = "/" + string.Join('/', _elements);
    }

    public IActorRef Anchor { get; }

    public string PathString { get; }

    public IReadOnlyList<string> Elements => _elements;

    internal static ActorSelection Create(IActorRef relativeTo, string path, IActorRef root)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Address.TryParse(path, out var address, out var rest))
        {
            if (!address.Equals(root.Path.Address))
            {
                return new ActorSelection(Nobody.Instance, rest);
            }

            return new ActorSelection(root, rest);
        }

        return path.StartsWith('/') ? new ActorSelection(root, path) : new ActorSelection(relativeTo, path);
    }

    /// <summary>Sends with the implicit sender: the current actor, or the TestKit's test actor outside actors.</summary>
    public void Tell(object message) => Tell(message, ActorCell.CurrentSelfOrNoSender);

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var matches = Resolve();
        if (matches.Count == 0)
        {
            if (message is Identify identify)
            {
                sender?.Tell(new ActorIdentity(identify.MessageId, null), ActorRefs.NoSender);
            }
            else if (Anchor is LocalActorRef local)
            {
                local.Cell.SystemImpl.DeadLetters.Tell(new Event.DeadLetter(message, sender ?? local.Cell.SystemImpl.DeadLetters, Anchor), sender);
            }

            return;
        }

        foreach (var target in matches)
        {
            target.Tell(message, sender);
        }
    }

    /// <summary>Resolves to one actor (the first that answers) or fails with <see cref="ActorNotFoundException"/>.</summary>
    public async Task<IActorRef> ResolveOne(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var identity = await this.Ask<ActorIdentity>(new Identify(null), timeout, cancellationToken).ConfigureAwait(false);
        return identity.Subject ?? throw new ActorNotFoundException($"No actor at {this}");
    }

    /// <summary>The live actors the pattern matches right now.</summary>
    internal List<IActorRef> Resolve()
    {
        var current = new List<IInternalActorRef>();
        if (Anchor is IInternalActorRef anchor && Anchor is not Nobody)
        {
            current.Add(anchor);
        }

        foreach (var element in _elements)
        {
            var next = new List<IInternalActorRef>();
            foreach (var node in current)
            {
                if (element == "..")
                {
                    next.Add(node.Parent);
                }
                else if (element.Contains('*', StringComparison.Ordinal) || element.Contains('?', StringComparison.Ordinal))
                {
                    if (node is LocalActorRef local)
                    {
                        foreach (var child in local.Cell.ChildrenSnapshot())
                        {
                            if (Glob(element, child.Path.Name))
                            {
                                next.Add(child);
                            }
                        }
                    }
                }
                else if (node.GetChild(element) is { } child)
                {
                    next.Add(child);
                }
            }

            current = next;
        }

        var result = new List<IActorRef>(current.Count);
        foreach (var r in current)
        {
            if (!r.IsTerminated)
            {
                result.Add(r);
            }
        }

        return result;
    }

    private static bool Glob(string pattern, string name)
    {
        int p = 0, n = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    public override string ToString() => $"ActorSelection[Anchor({Anchor.Path}), Path({PathString})]";
}
