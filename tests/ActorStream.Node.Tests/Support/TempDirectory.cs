namespace ActorStream.Node.Tests.Support;

/// <summary>A directory of its own for one spec, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("actorstream-node-test-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a killed child process; the OS temp cleanup removes it later.
        }
    }
}
