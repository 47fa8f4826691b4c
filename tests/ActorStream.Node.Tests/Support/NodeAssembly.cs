namespace ActorStream.Node.Tests.Support;

/// <summary>
/// Finds the node's entry assembly (actorstream.dll). The build writes its path next to the specs
/// (actorstream-node.path, from the node project's GetTargetPath); failing that, the newest build under
/// the repository's src/ActorStream.Node/bin is taken.
/// </summary>
internal static class NodeAssembly
{
    private const string FileName = "actorstream.dll";

    private static readonly Lazy<string> s_path = new(Locate);

    public static string Path => s_path.Value;

    private static string Locate()
    {
        var recorded = System.IO.Path.Combine(AppContext.BaseDirectory, "actorstream-node.path");
        if (File.Exists(recorded))
        {
            var path = File.ReadAllText(recorded).Trim();
            if (File.Exists(path))
            {
                return path;
            }
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = System.IO.Path.Combine(dir.FullName, "src", "ActorStream.Node", "bin");
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ActorStream.sln")) && Directory.Exists(bin))
            {
                FileInfo? newest = null;
                foreach (var candidate in new DirectoryInfo(bin).EnumerateFiles(FileName, SearchOption.AllDirectories))
                {
                    if (newest is null || candidate.LastWriteTimeUtc > newest.LastWriteTimeUtc)
                    {
                        newest = candidate;
                    }
                }

                if (newest is not null)
                {
                    return newest.FullName;
                }
            }
        }

        Assert.Fail($"{FileName} not found: neither {recorded} nor a build under src/ActorStream.Node/bin above {AppContext.BaseDirectory}");
        return string.Empty;
    }
}
