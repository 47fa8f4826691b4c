using ActorStream.Configuration;
using static ActorStream.Hocon.Tests.Hocon;

namespace ActorStream.Hocon.Tests;

/// <summary>The Config API: getters, defaults, type errors, fallbacks, sub-configs.</summary>
public sealed class ConfigTests
{
    private static readonly Config Sample = Parse("""
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
        Assert.Equal("hello", Sample.GetString("s"));
        Assert.Equal("42", Sample.GetString("i"));
        Assert.Equal("2.5", Sample.GetString("d"));
        Assert.Equal("true", Sample.GetString("t"));
    }

    [Fact]
    public void Getters_MissingPath_ReturnDefaults()
    {
        Assert.Null(Sample.GetString("missing"));
        Assert.Equal("dflt", Sample.GetString("missing", "dflt"));
        Assert.Equal(0, Sample.GetInt("missing"));
        Assert.Equal(-1, Sample.GetInt("missing.deeper", -1));
        Assert.Equal(5L, Sample.GetLong("missing", 5));
        Assert.True(Sample.GetBoolean("missing", true));
        Assert.Equal(1.5, Sample.GetDouble("missing", 1.5));
        Assert.Equal(TimeSpan.Zero, Sample.GetTimeSpan("missing"));
        Assert.Equal(TimeSpan.FromSeconds(3), Sample.GetTimeSpan("missing", TimeSpan.FromSeconds(3)));
        Assert.Null(Sample.GetByteSize("missing"));
        Assert.Equal(1024L, Sample.GetByteSize("missing", 1024));
        Assert.Empty(Sample.GetStringList("missing"));
        Assert.Equal(["x"], Sample.GetStringList("missing", ["x"]));
        Assert.True(Sample.GetConfig("missing").IsEmpty);
        Assert.Null(Sample.GetValue("missing"));
    }

    [Fact]
    public void Getters_NullValue_ReturnDefaultsAndHasPathFalse()
    {
        Assert.False(Sample.HasPath("n"));
        Assert.Equal("d", Sample.GetString("n", "d"));
        Assert.Equal(3, Sample.GetInt("n", 3));
        Assert.Equal(HoconValueType.Null, Sample.GetValue("n")!.Type);
    }

    [Fact]
    public void Getters_PathThroughScalar_IsMissing() => Assert.Equal("d", Sample.GetString("s.x", "d"));

    [Fact]
    public void GetInt_NumericString_Converts() => Assert.Equal(42, Sample.GetInt("quoted"));

    [Fact]
    public void GetInt_WholeDouble_Converts() => Assert.Equal(42, Sample.GetInt("whole"));

    [Fact]
    public void GetLong_BeyondInt_Works() => Assert.Equal(3_000_000_000L, Sample.GetLong("big"));

    [Theory]
    [InlineData("s", "string \"hello\"")]
    [InlineData("d", "number 2.5")]
    [InlineData("big", "number 3000000000")]
    [InlineData("list", "an array")]
    [InlineData("obj", "an object")]
    public void GetInt_WrongType_ThrowsNamingPathAndValue(string path, string found)
    {
        var ex = Assert.Throws<ConfigException>(() => Sample.GetInt(path));
        Assert.Contains($"'{path}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(found, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetString_OnObject_Throws() => Assert.Throws<ConfigException>(() => Sample.GetString("obj"));

    [Fact]
    public void GetDouble_Integers_Convert()
    {
        Assert.Equal(42.0, Sample.GetDouble("i"));
        Assert.Equal(2.5, Sample.GetDouble("d"));
        Assert.Throws<ConfigException>(() => Sample.GetDouble("s"));
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
        Assert.Equal(["a", "b", "c"], Sample.GetStringList("list"));
        Assert.Equal([1, 2, 3], Sample.GetIntList("ints"));
        Assert.Equal([1L, 2L, 3L], Sample.GetLongList("ints"));
        Assert.Equal([1.0, 2.0, 3.0], Sample.GetDoubleList("ints"));
        Assert.Equal([true, false, true], Sample.GetBooleanList("bools"));
        Assert.Equal(["a", "b"], Sample.GetConfigList("objs").Select(c => c.GetString("name")!));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(5)], Parse("a = [1s, 5]").GetTimeSpanList("a"));
        Assert.Equal([1024L, 10L], Parse("a = [1K, 10]").GetByteSizeList("a"));
    }

    [Fact]
    public void GetStringList_OnScalar_Throws() => Assert.Throws<ConfigException>(() => Sample.GetStringList("s"));

    [Fact]
    public void GetIntList_BadElement_ThrowsWithIndex() =>
        Assert.Contains("list[0]", Assert.Throws<ConfigException>(() => Sample.GetIntList("list")).Message, StringComparison.Ordinal);

    [Fact]
    public void GetConfig_SubTree_ReadsRelativePaths()
    {
        var obj = Sample.GetConfig("obj");
        Assert.Equal(1, obj.GetInt("x"));
        Assert.Equal(2, obj.GetConfig("inner").GetInt("y"));
        Assert.Equal(2, Sample.GetConfig("obj.inner").GetInt("y"));
        Assert.True(Sample.GetConfig("empty").IsEmpty);
        Assert.Throws<ConfigException>(() => Sample.GetConfig("s"));
    }

    [Fact]
    public void HasPath_ObjectsAndLeaves()
    {
        Assert.True(Sample.HasPath("obj"));
        Assert.True(Sample.HasPath("obj.inner.y"));
        Assert.False(Sample.HasPath("obj.inner.z"));
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
    public void Getters_InvalidPath_Throws() => Assert.Throws<ConfigException>(() => Sample.GetString("a..b\"\""));

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
