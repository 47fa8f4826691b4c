namespace ActorStream.Hocon.Tests;

/// <summary>Locates the shared HOCON conformance fixtures (lightbend/config equivNN folders).</summary>
internal static class ConformanceFixtures
{
    public const int ExpectedFolders = 5;
    public const int ExpectedFiles = 15;

    /// <summary>
    /// The repository root is the first ancestor of the test binaries holding ActorStream.sln; the fixtures
    /// live in <c>shared/hocon-conformance</c> next to it.
    /// </summary>
    public static string Directory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorStream.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException($"No folder containing ActorStream.sln above {AppContext.BaseDirectory}.");
        }

        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "hocon-conformance"));
    }

    /// <summary>Every top-level *.conf/*.json file except original.json, as (folder, file name).</summary>
    public static IEnumerable<(string Folder, string File)> Cases()
    {
        var root = Directory();
        if (!System.IO.Directory.Exists(root))
        {
            yield break;
        }

        foreach (var folder in System.IO.Directory.GetDirectories(root, "equiv*").Order(StringComparer.Ordinal))
        {
            foreach (var file in System.IO.Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                var ext = Path.GetExtension(name);
                if (name != "original.json" && (ext == ".conf" || ext == ".json"))
                {
                    yield return (Path.GetFileName(folder), name);
                }
            }
        }
    }
}
