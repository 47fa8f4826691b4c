using ActorStream.Configuration;
using static ActorStream.Hocon.Tests.Hocon;

namespace ActorStream.Hocon.Tests;

/// <summary>Substitutions: lookup, optional, self-reference, cycles, environment, fallbacks.</summary>
public sealed class HoconResolverTests
{
    [Fact]
    public void Resolve_SimpleSubstitution_CopiesValueWithType()
    {
        var c = Parse("a = 42\nb = ${a}\nc { d = ${a} }\ne = ${c}");
        Assert.Equal(HoconValueType.Number, c.GetValue("b")!.Type);
        Assert.Equal(42, c.GetInt("c.d"));
        Assert.Equal(42, c.GetInt("e.d"));
    }

    [Fact]
    public void Resolve_SubstitutionDefinedLater_IsFound() => Assert.Equal("v", Parse("a = ${b}\nb = v").GetString("a"));

    [Fact]
    public void Resolve_StringConcatenationOfSubstitutions_Joins()
    {
        var c = Parse("a = x\nb = y\nc = ${a}${b}\nd = ${a} and ${b}\ne = \"pre-\"${a}-post");
        Assert.Equal("xy", c.GetString("c"));
        Assert.Equal("x and y", c.GetString("d"));
        Assert.Equal("pre-x-post", c.GetString("e"));
    }

    [Fact]
    public void Resolve_NumberSubstitutionsInConcatenation_BecomeString() => Assert.Equal("1 2", Parse("a = 1\nb = 2\nc = ${a} ${b}").GetString("c"));

    [Fact]
    public void Resolve_ArrayConcatenationWithSubstitution_Appends()
    {
        var c = Parse("base = [1, 2]\nmore = ${base} [3]\nboth = ${base} ${base}");
        Assert.Equal([1, 2, 3], c.GetIntList("more"));
        Assert.Equal([1, 2, 1, 2], c.GetIntList("both"));
    }

    [Fact]
    public void Resolve_ObjectConcatenationWithSubstitution_Merges()
    {
        var c = Parse("defaults { x = 1, y = 1 }\nmine = ${defaults} { y = 2 }");
        Assert.Equal(1, c.GetInt("mine.x"));
        Assert.Equal(2, c.GetInt("mine.y"));
    }

    [Fact]
    public void Resolve_ObjectInheritsAndOverrides_ViaDuplicateKey()
    {
        var c = Parse("defaults { x = 1, y = 1 }\nmine = ${defaults}\nmine { y = 2 }");
        Assert.Equal(1, c.GetInt("mine.x"));
        Assert.Equal(2, c.GetInt("mine.y"));
    }

    [Fact]
    public void Resolve_LaterObjectSubstitution_MergesWithEarlierObject()
    {
        var c = Parse("a { x = 1 }\na = ${b}\nb { y = 2 }\nc = ${a.y}");
        Assert.Equal(1, c.GetInt("a.x"));
        Assert.Equal(2, c.GetInt("a.y"));
        Assert.Equal(2, c.GetInt("c"));
    }

    [Fact]
    public void Resolve_SelfReferentialObjectConcatenation_ExtendsEarlierObject()
    {
        var c = Parse("a { x = 1 }\na = ${a} { y = 2 }\nb = ${a.x}");
        Assert.Equal(1, c.GetInt("a.x"));
        Assert.Equal(2, c.GetInt("a.y"));
        Assert.Equal(1, c.GetInt("b"));
    }

    [Fact]
    public void Resolve_LaterScalarSubstitution_ReplacesEarlierObject()
    {
        var c = Parse("a { x = 1 }\na = ${s}\ns = text");
        Assert.Equal("text", c.GetString("a"));
        Assert.False(c.HasPath("a.x"));
    }

    [Fact]
    public void Resolve_SubstitutionInsideArray_Resolves() => Assert.Equal(["a", "b"], Parse("x = a\ny = b\nl = [${x}, ${y}]").GetStringList("l"));

    [Fact]
    public void Resolve_QuotedPathInSubstitution_Works() => Assert.Equal(1, Parse("\"a.b\" { c = 1 }\nd = ${\"a.b\".c}").GetInt("d"));

    [Fact]
    public void Resolve_SubstitutionThroughSubstitutedObject_Works() => Assert.Equal(1, Parse("a { x = 1 }\nb = ${a}\nc = ${b.x}").GetInt("c"));

    [Fact]
    public void Resolve_ChainOfSubstitutions_Works() => Assert.Equal("v", Parse("a = ${b}\nb = ${c}\nc = ${d}\nd = v").GetString("a"));

    [Fact]
    public void Resolve_SiblingReferenceInsideObject_IsNotACycle() =>
        Assert.Equal(42, Parse("bar { foo = 42, baz = ${bar.foo} }").GetInt("bar.baz"));

    [Fact]
    public void Resolve_OptionalMissing_DropsField()
    {
        var c = Parse("a = ${?nope}\nb = 1");
        Assert.False(c.HasPath("a"));
        Assert.Equal(["b"], c.Root.Keys);
    }

    [Fact]
    public void Resolve_OptionalMissing_KeepsEarlierValue() => Assert.Equal(1, Parse("a = 1\na = ${?nope}").GetInt("a"));

    [Fact]
    public void Resolve_OptionalMissingInArray_DropsElement() => Assert.Equal([1, 3], Parse("a = [1, ${?nope}, 3]").GetIntList("a"));

    [Fact]
    public void Resolve_OptionalMissingInStringConcatenation_IsEmpty() => Assert.Equal("ab", Parse("a = a${?nope}b").GetString("a"));

    [Fact]
    public void Resolve_OptionalReferringToDroppedField_AlsoDrops() => Assert.True(Parse("a = ${?x}\nb = ${?a}").IsEmpty || Parse("a = ${?x}\nb = ${?a}").Root.Count == 0);

    [Fact]
    public void Resolve_OptionalPresent_UsesValue() => Assert.Equal(5, Parse("x = 5\na = ${?x}").GetInt("a"));

    [Fact]
    public void Resolve_RequiredMissing_ThrowsNamingPathAndLocation()
    {
        var ex = Assert.Throws<ConfigException>(() => Parse("a = 1\nb = ${missing.path}"));
        Assert.Contains("${missing.path}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("<string>:2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RequiredMissingInFile_NamesFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory("hocon-sub-");
        try
        {
            var path = Path.Combine(dir.FullName, "app.conf");
            File.WriteAllText(path, "a = 1\nnested {\n  b = ${nope}\n}\n");
            var ex = Assert.Throws<ConfigException>(() => ConfigurationFactory.ParseFile(path).ResolveWith(useEnvironment: false));
            Assert.Contains("app.conf:3: could not resolve substitution ${nope} (in the value of 'nested.b')", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Resolve_SelfReferenceConcatenation_SeesEarlierValue()
    {
        var c = Parse("path = [a]\npath = ${path} [b]\nstr = x\nstr = ${str}\":suffix\"\nstr = ${str}\"!\"");
        Assert.Equal(["a", "b"], c.GetStringList("path"));
        Assert.Equal("x:suffix!", c.GetString("str"));
    }

    [Fact]
    public void Resolve_SelfReferenceInNestedObject_SeesEarlierValue() =>
        Assert.Equal("base/ext", Parse("a { p = base }\na { p = ${a.p}/ext }").GetString("a.p"));

    [Fact]
    public void Resolve_OptionalSelfReferenceWithoutEarlierValue_IsEmpty()
    {
        var c = Parse("path = ${?path} [x]\ns = ${?s}tail");
        Assert.Equal(["x"], c.GetStringList("path"));
        Assert.Equal("tail", c.GetString("s"));
    }

    [Fact]
    public void Resolve_RequiredSelfReferenceWithoutEarlierValue_Throws() =>
        Assert.Contains("${a}", Assert.Throws<ConfigException>(() => Parse("a = ${a}x")).Message, StringComparison.Ordinal);

    [Fact]
    public void Resolve_SelfReferenceSeesFallbackValue()
    {
        var app = ConfigurationFactory.ParseString("path = ${path} [app]");
        var reference = ConfigurationFactory.ParseString("path = [ref]");
        Assert.Equal(["ref", "app"], app.WithFallback(reference).GetStringList("path"));
    }

    [Fact]
    public void Resolve_PlusEqualsOnFallbackList_Appends()
    {
        var app = ConfigurationFactory.ParseString("akka.loggers += custom");
        var reference = ConfigurationFactory.ParseString("akka.loggers = [default]");
        Assert.Equal(["default", "custom"], app.WithFallback(reference).GetStringList("akka.loggers"));
    }

    [Theory]
    [InlineData("a = ${b}\nb = ${a}")]
    [InlineData("a = ${b}\nb = ${c}\nc = ${a}")]
    [InlineData("a { x = ${a} }")]
    [InlineData("a = [${a}]")]
    public void Resolve_Cycle_Throws(string text) => Assert.Throws<ConfigException>(() => Parse(text));

    [Fact]
    public void Resolve_Cycle_MessageMentionsCycle() =>
        Assert.Contains("cycle", Assert.Throws<ConfigException>(() => Parse("a = ${b}\nb = ${a}")).Message, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Resolve_SubstitutionFromFallback_Resolves()
    {
        var app = ConfigurationFactory.ParseString("a = ${b}\nmsg = \"hello \"${name}");
        var fallback = ConfigurationFactory.ParseString("b = from-fallback\nname = world");
        var merged = app.WithFallback(fallback);
        Assert.Equal("from-fallback", merged.GetString("a"));
        Assert.Equal("hello world", merged.GetString("msg"));
    }

    [Fact]
    public void Resolve_FallbackSubstitutionSeesOverride()
    {
        // reference.conf style: the default derives from another key that the application overrides.
        var reference = ConfigurationFactory.ParseString("port = 9092\nlisteners = \"PLAINTEXT://:\"${port}");
        var app = ConfigurationFactory.ParseString("port = 19092");
        Assert.Equal("PLAINTEXT://:19092", app.WithFallback(reference).GetString("listeners"));
    }

    [Fact]
    public void Resolve_UnresolvedConfigStillAcceptsFallbackAfterResolvedRead()
    {
        var app = ConfigurationFactory.ParseString("a = ${?b}\nc = 1");
        Assert.Equal(1, app.GetInt("c"));
        Assert.False(app.ResolveWith(useEnvironment: false).HasPath("a"));
        var merged = app.WithFallback(ConfigurationFactory.ParseString("b = late"));
        Assert.Equal("late", merged.GetString("a"));
    }

    [Fact]
    public void Resolve_EnvironmentVariable_UsedForUnknownPath()
    {
        var name = "ACTORSTREAM_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var c = ConfigurationFactory.ParseString($"a = ${{{name}}}\nb = ${{?{name}}}\nc = \"x-\"${{{name}}}");
            Assert.Equal("from-env", c.GetString("a"));
            Assert.Equal("from-env", c.GetString("b"));
            Assert.Equal("x-from-env", c.GetString("c"));
            Assert.Throws<ConfigException>(() => ConfigurationFactory.ParseString($"a = ${{{name}}}").ResolveWith(useEnvironment: false));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Resolve_ConfigValueWinsOverEnvironment()
    {
        var name = "ACTORSTREAM_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal("from-config", ConfigurationFactory.ParseString($"{name} = from-config\na = ${{{name}}}").GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Resolve_OptionalEnvironmentVariableMissing_DropsField() =>
        Assert.False(ConfigurationFactory.ParseString("host = ${?ACTORSTREAM_SURELY_UNDEFINED_VARIABLE}").HasPath("host"));

    [Fact]
    public void Resolve_IsLazyAndCached()
    {
        var c = ConfigurationFactory.ParseString("a = 1\nb = ${a}");
        Assert.False(c.IsResolved);
        Assert.Same(c.Root, c.Root);
        Assert.True(c.Resolve().IsResolved);
    }

    [Fact]
    public void Resolve_NoSubstitutions_IsResolvedWithoutWork()
    {
        var c = ConfigurationFactory.ParseString("a = 1");
        Assert.True(c.IsResolved);
        Assert.Same(c, c.Resolve());
    }

    [Fact]
    public void Resolve_ManySubstitutions_IsFast()
    {
        var sb = new System.Text.StringBuilder("v0 = start\n");
        for (var i = 1; i < 500; i++)
        {
            sb.Append('v').Append(i).Append(" = ${v").Append(i - 1).Append("}\n");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("start", Parse(sb.ToString()).GetString("v499"));
        Assert.True(watch.ElapsedMilliseconds < 2000, $"{watch.ElapsedMilliseconds} ms");
    }
}
