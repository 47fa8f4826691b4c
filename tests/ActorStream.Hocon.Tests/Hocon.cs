using ActorStream.Configuration;

namespace ActorStream.Hocon.Tests;

/// <summary>Shorthands for tests.</summary>
internal static class Hocon
{
    /// <summary>Parses and resolves without the environment.</summary>
    public static Config Parse(string text) => ConfigurationFactory.ParseString(text).ResolveWith(useEnvironment: false);

    public static HoconObject Tree(string text) => Parse(text).Root;

    public static string FixturePath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static void AssertSameTree(string expected, string actual)
    {
        var e = Tree(expected);
        var a = Tree(actual);
        Assert.True(e.Equals(a), $"expected:\n{e}\nactual:\n{a}");
    }
}
