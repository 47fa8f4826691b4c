using ActorStream.Configuration;
using static ActorStream.Hocon.Tests.Hocon;

namespace ActorStream.Hocon.Tests;

/// <summary>The Config API: getters, defaults, type errors, fallbacks, sub-configs.</summary>
public sealed class ConfigTests
{
    private static readonly Config s_sample = Parse("""
        s = hello
        quoted = "42"
        i = 42
        big = 3000000000
        d = 2.5
        whole = 42.0
        b = on
        t = true
        n = null
        list = [a, b, c]
        ints = [1, 2, 3]
        bools = [true, no, "yes"]
        obj { x = 1, inner { y = 2 } }
        objs = [{ name = a }, { name = b }]
        empty {}
        """);

    [Fact]
    public void Empty_IsEmptyAndReadsDefaults()
    {
        Assert.True(Config.Empty.IsEmpty);
        Assert.True(ConfigurationFactory.Empty.IsEmpty);
        Assert.Equal("d", Config.Empty.GetString("a.b", "d"));
        Assert.Equal(7, Config.Empty.GetInt("a", 7));
        Assert.False(Config.Empty.HasPath("a"));
        Assert.Equal("{}", Config.Empty.Render());
    }

    [Fact]
    public void ParseString_EmptyText_IsEmpty() => Assert.True(ConfigurationFactory.ParseString("  # nothing\n").IsEmpty);

    [Fact]
    public void GetString_Scalars_AreText()
    {
        Assert.Equal("hello", s_sample.GetString("s"));
        Assert.Equal("42", s_sample.GetString("i"));
        Assert.Equal("2.5", s_sample.GetString("d"));
        Assert.Equal("true", s_sample.GetString("t"));
    }

    [Fact]
    public void Getters_MissingPath_ReturnDefaults()
    {
        Assert.Null(s_sample.GetString("missing"));
        Assert.Equal("dflt", s_sample.GetString("missing", "dflt"));
        Assert.Equal(0, s_sample.GetInt("missing"));
        Assert.Equal(-1, s_sample.GetInt("missing.deeper", -1));
        Assert.Equal(5L, s_sample.GetLong("missing", 5));
        Assert.True(s_sample.GetBoolean("missing", true));
        Assert.Equal(1.5, s_sample.GetDouble("missing", 1.5));
        Assert.Equal(TimeSpan.Zero, s_sample.GetTimeSpan("missing"));
        Assert.Equal(TimeSpan.FromSeconds(3), s_sample.GetTimeSpan("missing", TimeSpan.FromSeconds(3)));
        Assert.Null(s_sample.GetByteSize("missing"));
        Assert.Equal(1024L, s_sample.GetByteSize("missing", 1024));
        Assert.Empty(s_sample.GetStringList("missing"));
        Assert.Equal(["x"], s_sample.GetStringList("missing", ["x"]));
        Assert.True(s_sample.GetConfig("missing").IsEmpty);
        Assert.Null(s_sample.GetValue("missing"));
    }

    [Fact]
    public void Getters_NullValue_ReturnDefaultsAndHasPathFalse()
    {
        Assert.False(s_sample.HasPath("n"));
        Assert.Equal("d", s_sample.GetString("n", "d"));
        Assert.Equal(3, s_sample.GetInt("n", 3));
        Assert.Equal(HoconValueType.Null, s_sample.GetValue("n")!.Type);
    }

    [Fact]
    public void Getters_PathThroughScalar_IsMissing() => Assert.Equal("d", s_sample.GetString("s.x", "d"));

    [Fact]
    public void GetInt_NumericString_Converts() => Assert.Equal(42, s_sample.GetInt("quoted"));

    [Fact]
    public void GetInt_WholeDouble_Converts() => Assert.Equal(42, s_sample.GetInt("whole"));

    [Fact]
    public void GetLong_BeyondInt_Works() => Assert.Equal(3_000_000_000L, s_sample.GetLong("big"));

    [Theory]
    [InlineData("s", "string \"hello\"")]
    [InlineData("d", "number 2.5")]
    [InlineData("big", "number 3000000000")]
    [InlineData("list", "an array")]
    [InlineData("obj", "an object")]
    public void GetInt_WrongType_ThrowsNamingPathAndValue(string path, string found)
    {
        var ex = Assert.Throws<ConfigException>(() => s_sample.GetInt(path));
        Assert.Contains($"'{path}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(found, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetString_OnObject_Throws() => Assert.Throws<ConfigException>(() => s_sample.GetString("obj"));

    [Fact]
    public void GetDouble_Integers_Convert()
    {
        Assert.Equal(42.0, s_sample.GetDouble("i"));
        Assert.Equal(2.5, s_sample.GetDouble("d"));
        Assert.Throws<ConfigException>(() => s_sample.GetDouble("s"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("\"true\"", true)]
    [InlineData("Yes", true)]
    public void GetBoolean_AcceptedSpellings(string text, bool expected) => Assert.Equal(expected, Parse("a = " + text).GetBoolean("a"));

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("[true]")]
    public void GetBoolean_Invalid_Throws(string text) =>
        Assert.Contains("'a'", Assert.Throws<ConfigException>(() => Parse("a = " + text).GetBoolean("a")).Message, StringComparison.Ordinal);

    [Fact]
    public void Lists_ConvertElements()
    {
        Assert.Equal(["a", "b", "c"], s_sample.GetStringList("list"));
        Assert.Equal([1, 2, 3], s_sample.GetIntList("ints"));
        Assert.Equal([1L, 2L, 3L], s_sample.GetLongList("ints"));
        Assert.Equal([1.0, 2.0, 3.0], s_sample.GetDoubleList("ints"));
        Assert.Equal([true, false, true], s_sample.GetBooleanList("bools"));
        Assert.Equal(["a", "b"], s_sample.GetConfigList("objs").Select(c => c.GetString("name")!));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(5)], Parse("a = [1s, 5]").GetTimeSpanList("a"));
        Assert.Equal([1024L, 10L], Parse("a = [1K, 10]").GetByteSizeList("a"));
    }

    [Fact]
    public void GetStringList_OnScalar_Throws() => Assert.Throws<ConfigException>(() => s_sample.GetStringList("s"));

    [Fact]
    public void GetIntList_BadElement_ThrowsWithIndex() =>
        Assert.Contains("list[0]", Assert.Throws<ConfigException>(() => s_sample.GetIntList("list")).Message, StringComparison.Ordinal);

    [Fact]
    public void GetConfig_SubTree_ReadsRelativePaths()
    {
        var obj = s_sample.GetConfig("obj");
        Assert.Equal(1, obj.GetInt("x"));
        Assert.Equal(2, obj.GetConfig("inner").GetInt("y"));
        Assert.Equal(2, s_sample.GetConfig("obj.inner").GetInt("y"));
        Assert.True(s_sample.GetConfig("empty").IsEmpty);
        Assert.Throws<ConfigException>(() => s_sample.GetConfig("s"));
    }

    [Fact]
    public void HasPath_ObjectsAndLeaves()
    {
        Assert.True(s_sample.HasPath("obj"));
        Assert.True(s_sample.HasPath("obj.inner.y"));
        Assert.False(s_sample.HasPath("obj.inner.z"));
    }

    [Fact]
    public void AsEnumerable_ListsTopLevelEntries()
    {
        var entries = Parse("a = 1\nb { c = 2 }").AsEnumerable().ToList();
        Assert.Equal(["a", "b"], entries.Select(e => e.Key));
        Assert.Equal(HoconValueType.Object, entries[1].Value.Type);
    }

    [Fact]
    public void WithFallback_ReceiverWinsAndObjectsMerge()
    {
        var app = ConfigurationFactory.ParseString("akka { loglevel = DEBUG, actor { provider = local } }");
        var reference = ConfigurationFactory.ParseString("akka { loglevel = INFO, stdout-loglevel = WARNING, actor { provider = cluster, timeout = 5s } }");
        var merged = app.WithFallback(reference);
        Assert.Equal("DEBUG", merged.GetString("akka.loglevel"));
        Assert.Equal("WARNING", merged.GetString("akka.stdout-loglevel"));
        Assert.Equal("local", merged.GetString("akka.actor.provider"));
        Assert.Equal(TimeSpan.FromSeconds(5), merged.GetTimeSpan("akka.actor.timeout"));
        // The inputs are unchanged.
        Assert.False(app.HasPath("akka.stdout-loglevel"));
        Assert.Equal("INFO", reference.GetString("akka.loglevel"));
    }

    [Fact]
    public void WithFallback_Chain_FirstWins()
    {
        var merged = Parse("a = 1").WithFallback(Parse("a = 2, b = 2")).WithFallback(Parse("a = 3, b = 3, c = 3"));
        Assert.Equal(1, merged.GetInt("a"));
        Assert.Equal(2, merged.GetInt("b"));
        Assert.Equal(3, merged.GetInt("c"));
    }

    [Fact]
    public void WithFallback_ScalarHidesFallbackObject()
    {
        var merged = Parse("a = 1").WithFallback(Parse("a { x = 1 }"));
        Assert.Equal(1, merged.GetInt("a"));
        Assert.False(merged.HasPath("a.x"));
    }

    [Fact]
    public void WithFallback_ObjectHidesFallbackScalar() =>
        Assert.Equal(1, Parse("a { x = 1 }").WithFallback(Parse("a = 1")).GetInt("a.x"));

    [Fact]
    public void WithFallback_Empty_ReturnsSame()
    {
        var c = Parse("a = 1");
        Assert.Same(c, c.WithFallback(Config.Empty));
        Assert.Same(c, Config.Empty.WithFallback(c));
    }

    [Fact]
    public void Getters_QuotedPath_FindsDottedKey() =>
        Assert.Equal("bytes", Parse("serialization-bindings { \"System.Byte[]\" = bytes }").GetString("serialization-bindings.\"System.Byte[]\""));

    [Fact]
    public void Getters_InvalidPath_Throws() => Assert.Throws<ConfigException>(() => s_sample.GetString("a..b\"\""));

    [Fact]
    public void Config_ConcurrentFirstReads_ResolveOnce()
    {
        var c = ConfigurationFactory.ParseString("a = 1\nb = ${a}");
        var roots = new HoconObject[8];
        Parallel.For(0, roots.Length, i => roots[i] = c.Root);
        Assert.All(roots, r => Assert.Same(roots[0], r));
        Assert.Equal(1, c.GetInt("b"));
    }
}
