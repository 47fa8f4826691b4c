using System.Reflection;

namespace ActorStream.Configuration;

/// <summary>Entry points that turn HOCON text, files and embedded resources into <see cref="Config"/>.</summary>
public static class ConfigurationFactory
{
    public static Config Empty => Config.Empty;

    public static Config ParseString(string hocon) => throw new NotImplementedException();

    public static Config ParseFile(string path) => throw new NotImplementedException();

    public static Config FromResource(Assembly assembly, string resourceName) => throw new NotImplementedException();
}
