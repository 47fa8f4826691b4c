using System.Runtime.CompilerServices;

namespace ActorStream.Configuration;

/// <summary>
/// Resolves the substitutions of a merged tree against its own root (lightbend semantics):
/// <list type="bullet">
/// <item>a path not found in the tree falls back to an environment variable of the same dotted name
/// (when enabled); env values are strings;</item>
/// <item><c>${?x}</c> that stays unresolved removes its field or array element, and becomes empty inside a
/// concatenation; an earlier definition of the field then shows through;</item>
/// <item>while a layer of a <see cref="HoconDelayedMerge"/> resolves, a reference to the field's own path
/// sees the merge of the layers below; a field that refers to itself with nothing below sees nothing;</item>
/// <item>other cycles are a <see cref="ConfigException"/>.</item>
/// </list>
/// Results are memoized per (raw value, path). Not thread-safe; one instance per resolution.
/// </summary>
internal sealed class HoconResolver
{
    private static readonly HoconValue s_undefined = new HoconString("<undefined>");

    private readonly HoconObject _root;
    private readonly bool _useEnvironment;
    private readonly Dictionary<(HoconValue, string), HoconValue?> _memo = new(KeyComparer.Instance);
    private readonly HashSet<(HoconValue, string)> _inProgress = new(KeyComparer.Instance);
    private readonly List<string> _resolving = [];
    private bool _selfReferenceHit;

    private HoconResolver(HoconObject root, bool useEnvironment)
    {
        _root = root;
        _useEnvironment = useEnvironment;
    }

    public static HoconObject Resolve(HoconObject root, bool useEnvironment)
    {
        if (root.IsResolved)
        {
            return root;
        }

        var resolver = new HoconResolver(root, useEnvironment);
        var result = resolver.ResolveAt(root, HoconPath.Root, Replacements.Empty);
        return result as HoconObject ?? new HoconObject();
    }

    /// <summary>Resolves <paramref name="raw"/> found at <paramref name="path"/>; null means undefined.</summary>
    private HoconValue? ResolveAt(HoconValue raw, HoconPath path, Replacements replacements)
    {
        if (raw.IsResolved)
        {
            return raw;
        }

        var key = (raw, path.Key);
        var memoize = replacements.IsEmpty;
        if (memoize && _memo.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (!_inProgress.Add(key))
        {
            if (raw is HoconSubstitution or HoconConcatenation)
            {
                // A field that refers to itself with no earlier definition: the reference sees nothing.
                _selfReferenceHit = true;
                return null;
            }

            throw new ConfigException(
                $"{raw.Location}: cycle in substitutions while resolving '{path.Render()}' " +
                $"(chain: {string.Join(" -> ", _resolving)} -> {path.Render()})");
        }

        _resolving.Add(path.Render());
        try
        {
            var result = ResolveCore(raw, path, replacements);
            if (memoize)
            {
                _memo[key] = result;
            }

            return result;
        }
        finally
        {
            _inProgress.Remove(key);
            _resolving.RemoveAt(_resolving.Count - 1);
        }
    }

    private HoconValue? ResolveCore(HoconValue raw, HoconPath path, Replacements replacements)
    {
        switch (raw)
        {
            case HoconObject obj:
                {
                    var fields = new Dictionary<string, HoconValue>(obj.Count, StringComparer.Ordinal);
                    foreach (var (name, child) in obj.Fields)
                    {
                        var resolved = ResolveAt(child, path.Append(name), replacements);
                        if (resolved is not null)
                        {
                            fields[name] = resolved;
                        }
                    }

                    return new HoconObject(fields, takeOwnership: true) { Location = obj.Location };
                }

            case HoconArray array:
                {
                    var items = new List<HoconValue>(array.Count);
                    foreach (var item in array.Items)
                    {
                        var resolved = ResolveElement(item, path, replacements);
                        if (resolved is not null)
                        {
                            items.Add(resolved);
                        }
                    }

                    return new HoconArray(items) { Location = array.Location };
                }

            case HoconSubstitution substitution:
                return ResolveSubstitution(substitution, replacements);
            case HoconConcatenation concatenation:
                {
                    var pieces = new HoconValue?[concatenation.Pieces.Count];
                    for (var i = 0; i < pieces.Length; i++)
                    {
                        pieces[i] = ResolveElement(concatenation.Pieces[i], path, replacements);
                    }

                    return HoconConcatenation.Join(pieces, concatenation.Location);
                }

            case HoconDelayedMerge merge:
                return ResolveMerge(merge, path, replacements);
            default:
                return raw;
        }
    }

    /// <summary>Array elements and concatenation pieces resolve without a path of their own.</summary>
    private HoconValue? ResolveElement(HoconValue raw, HoconPath path, Replacements replacements) => raw switch
    {
        { IsResolved: true } => raw,
        HoconSubstitution s => ResolveSubstitution(s, replacements),
        HoconConcatenation or HoconArray or HoconDelayedMerge => ResolveCore(raw, path, replacements),
        _ => ResolveAt(raw, path, replacements),
    };

    private HoconValue? ResolveMerge(HoconDelayedMerge merge, HoconPath path, Replacements replacements)
    {
        HoconValue? result = null;
        var layers = merge.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            if (result is HoconObject && layers[i] is HoconArray)
            {
                continue; // an object hides any array below it
            }

            var below = i + 1 == layers.Count ? s_undefined
                : i + 2 == layers.Count ? layers[i + 1]
                : new HoconDelayedMerge(layers.Skip(i + 1).ToArray()) { Location = layers[i + 1].Location };
            var resolved = ResolveAt(layers[i], path, replacements.With(path.Key, below));
            if (resolved is null)
            {
                continue;
            }

            result = result is null ? resolved : HoconMerge.Merge(result, resolved, inPlace: false);
            if (result.IgnoresFallbacks)
            {
                break;
            }
        }

        return result;
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution, Replacements replacements)
    {
        _selfReferenceHit = false;
        HoconValue? value = null;
        if (substitution.Prefix.Length > 0)
        {
            value = Lookup(substitution.Prefix.Concat(substitution.Path), replacements);
        }

        value ??= Lookup(substitution.Path, replacements);
        if (value is null && _useEnvironment &&
            Environment.GetEnvironmentVariable(substitution.Path.EnvironmentName) is { } env)
        {
            value = new HoconString(env) { Location = substitution.Location };
        }

        if (value is null && !substitution.Optional)
        {
            var reason = _selfReferenceHit
                ? "it refers to itself (a cycle) and has no earlier value"
                : "the path is not defined" + (_useEnvironment ? " and no environment variable has that name" : "");
            throw new ConfigException(
                $"{substitution.Location}: could not resolve substitution {substitution.Render()}" +
                (_resolving.Count > 0 ? $" (in the value of '{_resolving[^1]}')" : "") + $": {reason}");
        }

        return value;
    }

    /// <summary>Finds and resolves the value at <paramref name="path"/>; null when not defined.</summary>
    private HoconValue? Lookup(HoconPath path, Replacements replacements)
    {
        HoconValue node = _root;
        for (var i = 0; i < path.Length; i++)
        {
            if (node is not HoconObject obj)
            {
                var resolved = ResolveAt(node, path.Take(i), replacements);
                if (resolved is not HoconObject resolvedObject)
                {
                    return null;
                }

                obj = resolvedObject;
            }

            if (!obj.TryGetValue(path[i], out var child))
            {
                return null;
            }

            if (!replacements.IsEmpty && replacements.TryGet(path.Take(i + 1).Key, out var replacement))
            {
                if (ReferenceEquals(replacement, s_undefined))
                {
                    return null;
                }

                child = replacement;
            }

            node = child;
        }

        return ResolveAt(node, path, replacements);
    }

    /// <summary>Paths whose value is replaced while a merge layer resolves: the layers below it.</summary>
    private sealed class Replacements
    {
        public static readonly Replacements Empty = new(null, "", s_undefined);

        private readonly Replacements? _next;
        private readonly string _key;
        private readonly HoconValue _value;

        private Replacements(Replacements? next, string key, HoconValue value)
        {
            _next = next;
            _key = key;
            _value = value;
        }

        public bool IsEmpty => _next is null;

        public Replacements With(string key, HoconValue value) => new(this, key, value);

        public bool TryGet(string key, out HoconValue value)
        {
            for (var r = this; r._next is not null; r = r._next)
            {
                if (string.Equals(r._key, key, StringComparison.Ordinal))
                {
                    value = r._value;
                    return true;
                }
            }

            value = s_undefined;
            return false;
        }
    }

    private sealed class KeyComparer : IEqualityComparer<(HoconValue, string)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((HoconValue, string) x, (HoconValue, string) y) =>
            ReferenceEquals(x.Item1, y.Item1) && string.Equals(x.Item2, y.Item2, StringComparison.Ordinal);

        public int GetHashCode((HoconValue, string) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), StringComparer.Ordinal.GetHashCode(obj.Item2));
    }
}
