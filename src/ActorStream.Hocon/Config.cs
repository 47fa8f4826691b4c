using System.Diagnostics.CodeAnalysis;

namespace ActorStream.Configuration;

/// <summary>
/// An immutable HOCON configuration tree. Substitutions are resolved lazily, after every
/// fallback has been merged, so <c>${a.b}</c> sees values from the whole fallback chain.
/// Thread-safe: instances never change after construction; the resolved tree is computed once and cached.
/// </summary>
/// <remarks>
/// Getters resolve the tree on first use (with environment-variable fallback for paths the tree does not
/// define) and then walk the cached resolved tree. A missing path returns the given default; a value of
/// the wrong type throws <see cref="ConfigException"/> naming the path and what was found.
/// </remarks>
public sealed partial class Config
{
    private readonly HoconObject _raw;
    private readonly Lazy<HoconObject> _resolved;

    private Config()
        : this(new HoconObject(), resolved: true)
    {
    }

    /// <summary>Wraps a value tree built in code (for example from <see cref="HoconObject"/> constructors).</summary>
    public Config(HoconObject root)
        : this(root ?? throw new ArgumentNullException(nameof(root)), resolved: false)
    {
    }

    internal Config(HoconObject raw, bool resolved)
    {
        _raw = raw;
        _resolved = resolved || raw.IsResolved
            ? new Lazy<HoconObject>(raw)
            : new Lazy<HoconObject>(() => HoconResolver.Resolve(raw, useEnvironment: true), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static Config Empty { get; } = new();

    /// <summary>True when the configuration defines no keys at all.</summary>
    public bool IsEmpty => _raw.Count == 0;

    /// <summary>True when the tree holds no substitutions (it was resolved, or never had any).</summary>
    public bool IsResolved => _raw.IsResolved;

    /// <summary>The resolved root object.</summary>
    public HoconObject Root => _resolved.Value;

    /// <summary>
    /// Returns a config where this one's values win and <paramref name="fallback"/> fills the gaps; objects
    /// merge deeply. Works on the unresolved trees, so substitutions resolve against the merged result.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.IsEmpty || ReferenceEquals(fallback, this))
        {
            return this;
        }

        if (IsEmpty)
        {
            return fallback;
        }

        return new Config(HoconMerge.MergeObjects(_raw, fallback._raw, inPlace: false), resolved: false);
    }

    /// <summary>Resolves substitutions now (with environment fallback) and returns the resolved config.</summary>
    public Config Resolve() => IsResolved ? this : new Config(_resolved.Value, resolved: true);

    /// <summary>Resolves substitutions now; without <paramref name="useEnvironment"/> unknown paths are not looked up in the environment.</summary>
    public Config ResolveWith(bool useEnvironment)
    {
        if (useEnvironment)
        {
            return Resolve();
        }

        return IsResolved ? this : new Config(HoconResolver.Resolve(_raw, useEnvironment: false), resolved: true);
    }

    /// <summary>True when the path exists and is not <c>null</c>.</summary>
    public bool HasPath(string path) => TryGetNode(path, out var value) && value.Type != HoconValueType.Null;

    /// <summary>The resolved value at a path, or null when missing.</summary>
    public HoconValue? GetValue(string path) => TryGetNode(path, out var value) ? value : null;

    /// <summary>Returns the sub-tree at the path (resolved); a missing path gives <see cref="Empty"/>.</summary>
    public Config GetConfig(string path)
    {
        if (!TryGetNode(path, out var value) || value.Type == HoconValueType.Null)
        {
            return Empty;
        }

        if (value is not HoconObject obj)
        {
            throw WrongType(path, value, "an object");
        }

        return obj.Count == 0 ? Empty : new Config(obj, resolved: true);
    }

    /// <summary>The top-level keys and their resolved values.</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> AsEnumerable() => Root;

    /// <summary>Renders the resolved tree as HOCON that is also valid JSON.</summary>
    public string Render() => HoconRenderer.Render(Root);

    public override string ToString() => Render();

    private bool TryGetNode(string path, [NotNullWhen(true)] out HoconValue? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        value = null;
        HoconValue node = Root;
        if (path.Contains('"', StringComparison.Ordinal))
        {
            foreach (var segment in HoconPath.Parse(path).Segments)
            {
                if (node is not HoconObject obj || !obj.TryGetValue(segment, out node!))
                {
                    return false;
                }
            }

            value = node;
            return true;
        }

        var span = path.AsSpan();
        while (true)
        {
            var dot = span.IndexOf('.');
            var segment = dot < 0 ? span : span[..dot];
            if (node is not HoconObject obj || !obj.TryGetValue(segment, out node!))
            {
                return false;
            }

            if (dot < 0)
            {
                value = node;
                return true;
            }

            span = span[(dot + 1)..];
        }
    }

    private static ConfigException WrongType(string path, HoconValue value, string expected) =>
        new($"{(value.Location.Source is null ? "" : value.Location + ": ")}configuration path '{path}' " +
            $"has {Describe(value)} but {expected} was expected");

    private static string Describe(HoconValue value) => value switch
    {
        HoconString s => $"string \"{(s.Value.Length > 40 ? s.Value[..40] + "..." : s.Value)}\"",
        HoconNumber n => $"number {n.Text}",
        HoconBoolean b => $"boolean {(b.Value ? "true" : "false")}",
        HoconNull => "null",
        HoconObject => "an object",
        HoconArray => "an array",
        _ => "an unresolved value",
    };
}
