using System.Reflection;

namespace ActorStream.Configuration;

internal enum IncludeKind
{
    /// <summary><c>include "name"</c>: relative to whatever the including text came from.</summary>
    Heuristic,
    File,
    Classpath,
    Url,
}

/// <summary>
/// Where includes are loaded from: a directory (files), an assembly (embedded resources) or a caller's
/// resolver. Extension-less names load every existing sibling among <c>.conf</c>, <c>.json</c> and
/// <c>.properties</c> and merge them (conf over json over properties). Immutable.
/// </summary>
internal sealed class IncludeContext
{
    private static readonly string[] s_extensions = [".conf", ".json", ".properties"];

    private IncludeContext(string? baseDirectory, Assembly? assembly, Func<string, string?>? resolver)
    {
        BaseDirectory = baseDirectory;
        Assembly = assembly;
        Resolver = resolver;
    }

    public string? BaseDirectory { get; }

    public Assembly? Assembly { get; }

    public Func<string, string?>? Resolver { get; }

    public static IncludeContext ForDirectory(string? baseDirectory, Assembly? assembly = null) => new(baseDirectory, assembly, null);

    public static IncludeContext ForAssembly(Assembly assembly) => new(null, assembly, null);

    public static IncludeContext ForResolver(Func<string, string?> resolver) => new(null, null, resolver);

    public HoconObject Include(IncludeKind kind, string name, bool required, int depth)
    {
        switch (kind)
        {
            case IncludeKind.Url:
                throw new ConfigException($"include url(\"{name}\") is not supported; use file(...) or classpath(...)");
            case IncludeKind.Classpath:
                return IncludeResource(Assembly, name, required, depth);
            case IncludeKind.Heuristic when Resolver is not null:
                return IncludeFromResolver(name, required, depth);
            case IncludeKind.Heuristic when BaseDirectory is null && Assembly is not null:
                return IncludeResource(Assembly, name, required, depth);
            default:
                return IncludeFile(name, required, depth);
        }
    }

    private HoconObject IncludeFile(string name, bool required, int depth)
    {
        var path = Path.IsPathRooted(name) ? name : Path.Combine(BaseDirectory ?? Directory.GetCurrentDirectory(), name);
        if (HasKnownExtension(name))
        {
            if (File.Exists(path))
            {
                return ParseFile(path, depth);
            }

            return Missing(required, $"included file not found: {path}");
        }

        var found = false;
        HoconObject result = new();
        foreach (var extension in s_extensions)
        {
            var candidate = path + extension;
            if (File.Exists(candidate))
            {
                found = true;
                result = HoconMerge.MergeObjects(result, ParseFile(candidate, depth), inPlace: true);
            }
        }

        return found ? result : Missing(required, $"included file not found: {path} (tried .conf, .json, .properties)");
    }

    private HoconObject IncludeFromResolver(string name, bool required, int depth)
    {
        if (HasKnownExtension(name))
        {
            var text = Resolver!(name);
            return text is null ? Missing(required, $"included name not found: {name}") : ParseText(text, name, this, depth);
        }

        var found = false;
        HoconObject result = new();
        foreach (var extension in s_extensions)
        {
            var text = Resolver!(name + extension);
            if (text is not null)
            {
                found = true;
                result = HoconMerge.MergeObjects(result, ParseText(text, name + extension, this, depth), inPlace: true);
            }
        }

        if (!found && Resolver!(name) is { } plain)
        {
            return ParseText(plain, name, this, depth);
        }

        return found ? result : Missing(required, $"included name not found: {name}");
    }

    private static HoconObject IncludeResource(Assembly? assembly, string name, bool required, int depth)
    {
        if (assembly is null)
        {
            return Missing(required, $"classpath include \"{name}\" has no assembly to load embedded resources from");
        }

        var context = ForAssembly(assembly);
        if (HasKnownExtension(name))
        {
            var resource = FindResource(assembly, name);
            return resource is null
                ? Missing(required, $"embedded resource not found: {name} in {assembly.GetName().Name}")
                : ParseText(ReadResource(assembly, resource), resource, context, depth);
        }

        var found = false;
        HoconObject result = new();
        foreach (var extension in s_extensions)
        {
            var resource = FindResource(assembly, name + extension);
            if (resource is not null)
            {
                found = true;
                result = HoconMerge.MergeObjects(result, ParseText(ReadResource(assembly, resource), resource, context, depth), inPlace: true);
            }
        }

        return found ? result : Missing(required, $"embedded resource not found: {name} in {assembly.GetName().Name}");
    }

    /// <summary>Finds a manifest resource by exact name or by dotted suffix (<c>a/b.conf</c> matches <c>Ns.a.b.conf</c>).</summary>
    internal static string? FindResource(Assembly assembly, string name)
    {
        var names = assembly.GetManifestResourceNames();
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        var suffix = "." + name.Replace('/', '.').Replace('\\', '.');
        foreach (var candidate in names)
        {
            if (candidate.EndsWith(suffix, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    internal static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new ConfigException($"embedded resource not found: {resource} in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static HoconObject ParseFile(string path, int depth, Assembly? assembly = null)
    {
        var full = Path.GetFullPath(path);
        var text = File.ReadAllText(full);
        return ParseText(text, full, ForDirectory(Path.GetDirectoryName(full), assembly), depth);
    }

    internal static HoconObject ParseText(string text, string source, IncludeContext context, int depth)
    {
        if (source.EndsWith(".properties", StringComparison.OrdinalIgnoreCase))
        {
            return PropertiesParser.Parse(text, source);
        }

        return HoconParser.Parse(text, source, context, depth);
    }

    private static bool HasKnownExtension(string name)
    {
        foreach (var extension in s_extensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static HoconObject Missing(bool required, string message) =>
        required ? throw new ConfigException(message) : new HoconObject();
}
