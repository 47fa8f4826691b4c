using System.Reflection;
using ActorStream.Configuration;

namespace ActorStream.Hocon.Tests;

/// <summary>Files, includes, .properties and embedded resources.</summary>
public sealed class ConfigurationFactoryTests
{
    private static Config MainFixture() => ConfigurationFactory.ParseFile(Hocon.FixturePath("includes", "main.conf")).ResolveWith(useEnvironment: false);

    [Fact]
    public void Include_RelativeToIncludingFile_MergesAtIncludePoint()
    {
        var c = MainFixture();
        Assert.True(c.GetBoolean("app.child"));
        Assert.Equal("main", c.GetString("app.name"));
    }

    [Fact]
    public void Include_Nested_IsRelativeToIncludedFile() => Assert.Equal(42, MainFixture().GetInt("app.deep"));

    [Fact]
    public void Include_FileForm_Works() => Assert.True(MainFixture().GetBoolean("fileForm"));

    [Fact]
    public void Include_MissingOptional_IsEmpty() =>
        Assert.Equal(["app", "fileForm", "shared", "top"], MainFixture().Root.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Include_ExtensionLess_MergesConfOverJsonOverProperties()
    {
        var c = MainFixture();
        Assert.Equal(1, c.GetInt("shared.fromConf"));
        Assert.Equal(2, c.GetInt("shared.fromJson"));
        Assert.Equal("3", c.GetString("shared.fromProp"));
        Assert.Equal(HoconValueType.String, c.GetValue("shared.fromProp")!.Type);
        Assert.Equal("conf", c.GetString("shared.both"));
    }

    [Fact]
    public void Include_Properties_ParsesSpacesAndContinuations()
    {
        var c = MainFixture();
        Assert.Equal("a value with spaces", c.GetString("shared.spaced"));
        Assert.Equal("one two", c.GetString("shared.continued"));
    }

    [Fact]
    public void Include_SubstitutionInIncludedFile_TriesIncludePrefixFirst() => Assert.Equal("hello main", MainFixture().GetString("app.greeting"));

    [Fact]
    public void Include_SubstitutionInIncludedFile_FallsBackToRoot() => Assert.Equal("from-root", MainFixture().GetString("app.rootRef"));

    [Fact]
    public void Include_PlusEqualsInIncludedFile_UsesPrefixedPath() => Assert.Equal(["first"], MainFixture().GetStringList("app.list"));

    [Fact]
    public void Include_RequiredMissing_ThrowsNamingFileAndLine()
    {
        var ex = Assert.Throws<ConfigParseException>(() => ConfigurationFactory.ParseFile(Hocon.FixturePath("includes", "required-missing.conf")));
        Assert.Contains("required-missing.conf:2:1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does-not-exist.conf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_RequiredMissingExtensionLess_Throws() =>
        Assert.Contains("does-not-exist", Assert.Throws<ConfigParseException>(() =>
            ConfigurationFactory.ParseFile(Hocon.FixturePath("includes", "required-missing-extensionless.conf"))).Message, StringComparison.Ordinal);

    [Fact]
    public void Include_Url_IsNotSupported() =>
        Assert.Contains("not supported", Assert.Throws<ConfigParseException>(() =>
            ConfigurationFactory.ParseFile(Hocon.FixturePath("includes", "url.conf"))).Message, StringComparison.Ordinal);

    [Fact]
    public void Include_Cycle_Throws() =>
        Assert.Contains("nested more than", Assert.ThrowsAny<ConfigException>(() =>
            ConfigurationFactory.ParseFile(Hocon.FixturePath("includes", "cycle-a.conf"))).Message, StringComparison.Ordinal);

    [Fact]
    public void ParseString_WithBaseDirectory_ResolvesIncludes()
    {
        var c = ConfigurationFactory.ParseString("x { include \"sub/grandchild.conf\" }", Hocon.FixturePath("includes"));
        Assert.Equal(42, c.GetInt("x.deep"));
    }

    [Fact]
    public void ParseString_WithResolver_UsesResolverAndExtensions()
    {
        var files = new Dictionary<string, string>
        {
            ["a.conf"] = "fromA = 1",
            ["b.conf"] = "fromConf = 1",
            ["b.properties"] = "fromProps = 2",
        };
        var c = ConfigurationFactory.ParseString("include \"a.conf\"\ninclude \"b\"\ninclude \"none\"", name => files.GetValueOrDefault(name));
        Assert.Equal(1, c.GetInt("fromA"));
        Assert.Equal(1, c.GetInt("fromConf"));
        Assert.Equal("2", c.GetString("fromProps"));
    }

    [Fact]
    public void Include_KeywordAsQuotedKey_IsOrdinaryKey() => Assert.Equal(1, Hocon.Parse("\"include\" = 1").GetInt("include"));

    [Fact]
    public void Include_InvalidForm_Throws() =>
        Assert.Throws<ConfigParseException>(() => ConfigurationFactory.ParseString("include file(\"a\" \"b\")"));

    [Fact]
    public void ParseFile_Properties_ValuesAreStringsAndKeysArePaths()
    {
        var dir = Directory.CreateTempSubdirectory("hocon-props-");
        try
        {
            var path = Path.Combine(dir.FullName, "app.properties");
            File.WriteAllText(path, "! comment\n# comment\na.b.c=1\na.b.d : two\nplain value\nescaped=tab\\there\\u0041\nobj=scalar\nobj.child=wins\n");
            var c = ConfigurationFactory.ParseFile(path);
            Assert.Equal("1", c.GetString("a.b.c"));
            Assert.Equal(HoconValueType.String, c.GetValue("a.b.c")!.Type);
            Assert.Equal("two", c.GetString("a.b.d"));
            Assert.Equal("value", c.GetString("plain"));
            Assert.Equal("tab\thereA", c.GetString("escaped"));
            Assert.Equal("wins", c.GetString("obj.child"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ParseFile_Missing_ThrowsNamingPath() =>
        Assert.Contains("nope.conf", Assert.Throws<ConfigException>(() => ConfigurationFactory.ParseFile("nope.conf")).Message, StringComparison.Ordinal);

    [Fact]
    public void FromResource_ParsesEmbeddedResourceAndItsIncludes()
    {
        var c = ConfigurationFactory.FromResource(Assembly.GetExecutingAssembly(), "reference.conf");
        Assert.Equal(1, c.GetInt("resource.value"));
        Assert.Equal(2, c.GetInt("resource.extra"));
        Assert.Equal(2, c.GetInt("viaClasspath.extra"));
    }

    [Fact]
    public void FromResource_ExactManifestName_Works() =>
        Assert.Equal(2, ConfigurationFactory.FromResource(Assembly.GetExecutingAssembly(), "ActorStream.Hocon.Tests.Resources.extra.conf").GetInt("extra"));

    [Fact]
    public void FromResource_Missing_Throws() =>
        Assert.Throws<ConfigException>(() => ConfigurationFactory.FromResource(Assembly.GetExecutingAssembly(), "nothing.conf"));

    [Fact]
    public void Include_ClasspathInStringWithoutAssembly_IsMissing() =>
        Assert.True(ConfigurationFactory.ParseString("include classpath(\"reference.conf\")").IsEmpty);

    [Fact]
    public void Load_ReadsApplicationConfFromDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("hocon-load-");
        try
        {
            Assert.True(ConfigurationFactory.Load(dir.FullName).IsEmpty);
            File.WriteAllText(Path.Combine(dir.FullName, "application.conf"), "a = 1");
            File.WriteAllText(Path.Combine(dir.FullName, "application.json"), "{ \"a\" : 2, \"b\" : 2 }");
            var c = ConfigurationFactory.Load(dir.FullName);
            Assert.Equal(1, c.GetInt("a"));
            Assert.Equal(2, c.GetInt("b"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
