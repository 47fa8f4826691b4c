using System.Reflection;

namespace ActorStream.Configuration;

/// <summary>
/// Entry points that turn HOCON text, files and embedded resources into <see cref="Config"/>.
/// Parsed configs keep their substitutions unresolved until first read (or <see cref="Config.Resolve"/>),
/// so fallbacks added later take part in resolution.
/// </summary>
public static class ConfigurationFactory
{
    internal const string StringSource = "<string>";

    public static Config Empty => Config.Empty;

    /// <summary>Parses HOCON text; <c>include</c>s are relative to the current directory.</summary>
    public static Config ParseString(string hocon) =>
        Wrap(HoconParser.Parse(hocon, StringSource, IncludeContext.ForDirectory(null)));

    /// <summary>Parses HOCON text; <c>include</c>s are relative to <paramref name="baseDirectory"/>.</summary>
    public static Config ParseString(string hocon, string baseDirectory) =>
        Wrap(HoconParser.Parse(hocon, StringSource, IncludeContext.ForDirectory(baseDirectory)));

    /// <summary>
    /// Parses HOCON text; <c>include "name"</c> asks <paramref name="includeResolver"/> for the included text
    /// (null = not found). Extension-less names are tried with <c>.conf</c>, <c>.json</c> and <c>.properties</c>.
    /// </summary>
    public static Config ParseString(string hocon, Func<string, string?> includeResolver) =>
        Wrap(HoconParser.Parse(hocon, StringSource, IncludeContext.ForResolver(includeResolver)));

    /// <summary>
    /// Parses a file: <c>.properties</c> files as Java properties, anything else as HOCON (JSON included).
    /// Includes are relative to the file's directory.
    /// </summary>
    public static Config ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ConfigException($"configuration file not found: {Path.GetFullPath(path)}");
        }

        return Wrap(IncludeContext.ParseFile(path, depth: 0));
    }

    /// <summary>
    /// Parses an embedded resource, found by exact manifest name or by name suffix (<c>reference.conf</c>
    /// matches <c>My.Assembly.reference.conf</c>). Includes look for resources of the same assembly.
    /// </summary>
    public static Config FromResource(Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resourceName);
        var resource = IncludeContext.FindResource(assembly, resourceName)
            ?? throw new ConfigException($"embedded resource not found: {resourceName} in {assembly.GetName().Name}");
        var text = IncludeContext.ReadResource(assembly, resource);
        return Wrap(IncludeContext.ParseText(text, resource, IncludeContext.ForAssembly(assembly), depth: 0));
    }

    /// <summary>
    /// Loads <c>application.conf</c> (and <c>.json</c>/<c>.properties</c> siblings) from the application's
    /// base directory; <see cref="Empty"/> when none exists.
    /// </summary>
    public static Config Load() => Load(AppContext.BaseDirectory);

    /// <summary>Loads <c>application.conf</c>/<c>.json</c>/<c>.properties</c> from <paramref name="directory"/>.</summary>
    public static Config Load(string directory) =>
        Wrap(IncludeContext.ForDirectory(directory).Include(IncludeKind.File, "application", required: false, depth: 0));

    private static Config Wrap(HoconObject root) => root.Count == 0 ? Config.Empty : new Config(root, resolved: false);
}
