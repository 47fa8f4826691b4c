namespace ActorStream.Configuration;

/// <summary>
/// An immutable HOCON configuration tree. Substitutions are resolved lazily, after every
/// fallback has been merged, so <c>${a.b}</c> sees values from the whole fallback chain.
/// Thread-safe: instances never change after construction.
/// </summary>
public sealed class Config
{
    public static Config Empty { get; } = new();

    public bool IsEmpty => throw new NotImplementedException();

    public Config WithFallback(Config fallback) => throw new NotImplementedException();

    public bool HasPath(string path) => throw new NotImplementedException();

    public string? GetString(string path, string? @default = null) => throw new NotImplementedException();

    public int GetInt(string path, int @default = 0) => throw new NotImplementedException();

    public long GetLong(string path, long @default = 0) => throw new NotImplementedException();

    public bool GetBoolean(string path, bool @default = false) => throw new NotImplementedException();

    public double GetDouble(string path, double @default = 0) => throw new NotImplementedException();

    public TimeSpan GetTimeSpan(string path, TimeSpan? @default = null, bool allowInfinite = true) => throw new NotImplementedException();

    public long? GetByteSize(string path, long? @default = null) => throw new NotImplementedException();

    public IList<string> GetStringList(string path, IList<string>? @default = null) => throw new NotImplementedException();

    public Config GetConfig(string path) => throw new NotImplementedException();

    public string Render() => throw new NotImplementedException();
}
