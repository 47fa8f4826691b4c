using ActorStream.Configuration;
using static ActorStream.Hocon.Tests.Hocon;

namespace ActorStream.Hocon.Tests;

/// <summary>Syntax: every surface form of HOCON, checked through the parsed values.</summary>
public sealed class HoconParserTests
{
    [Fact]
    public void Parse_Json_ParsesAllValueKinds()
    {
        var c = Parse("""{"s":"x","i":42,"l":9000000000,"d":-1.5e3,"t":true,"f":false,"n":null,"a":[1,"two"],"o":{"k":"v"}}""");
        Assert.Equal("x", c.GetString("s"));
        Assert.Equal(42, c.GetInt("i"));
        Assert.Equal(9_000_000_000L, c.GetLong("l"));
        Assert.Equal(-1500.0, c.GetDouble("d"));
        Assert.True(c.GetBoolean("t"));
        Assert.False(c.GetBoolean("f", true));
        Assert.Equal(HoconValueType.Null, c.GetValue("n")!.Type);
        Assert.Equal(["1", "two"], c.GetStringList("a"));
        Assert.Equal("v", c.GetString("o.k"));
    }

    [Fact]
    public void Parse_Comments_AreIgnoredBothStyles()
    {
        var c = Parse("""
            // slash comment
            a = 1 # hash comment
            # b = 2
            c = "not // a comment" // but this is
            d = x#y
            """);
        Assert.Equal(1, c.GetInt("a"));
        Assert.False(c.HasPath("b"));
        Assert.Equal("not // a comment", c.GetString("c"));
        Assert.Equal("x", c.GetString("d"));
    }

    [Fact]
    public void Parse_ByteOrderMarkAndCrLf_AreWhitespace()
    {
        var c = Parse("\uFEFFa = 1\r\nb = two words\r\nc = [1,\r\n2]\r\n");
        Assert.Equal(1, c.GetInt("a"));
        Assert.Equal("two words", c.GetString("b"));
        Assert.Equal([1, 2], c.GetIntList("c"));
    }

    [Fact]
    public void Parse_IncludeAsUnquotedKeyWithSeparator_IsOrdinaryKey() => Assert.Equal(1, Parse("include = 1").GetInt("include"));

    [Fact]
    public void Parse_RootBraces_AreOptional() => AssertSameTree("{ a : 1, b : { c : 2 } }", "a : 1\nb { c : 2 }");

    [Theory]
    [InlineData("a : 1")]
    [InlineData("a = 1")]
    [InlineData("a=1")]
    [InlineData("a:1")]
    [InlineData("\"a\" = 1")]
    [InlineData("a\n=\n1")]
    public void Parse_Separators_ColonOrEquals(string text) => Assert.Equal(1, Parse(text).GetInt("a"));

    [Fact]
    public void Parse_SeparatorOmittedBeforeBrace_ParsesObject() => Assert.Equal(2, Parse("a { b { c = 2 } }").GetInt("a.b.c"));

    [Fact]
    public void Parse_NewlinesInsteadOfCommas_Accepted()
    {
        var c = Parse("a = 1\nb = 2\n\n\nl = [\n 1\n 2\n]\n");
        Assert.Equal(2, c.GetInt("b"));
        Assert.Equal([1, 2], c.GetIntList("l"));
    }

    [Theory]
    [InlineData("{ a = 1, }")]
    [InlineData("a = [1, 2, ]\nb = 1,")]
    public void Parse_TrailingComma_Allowed(string text) => Assert.True(Parse(text).HasPath("a"));

    [Fact]
    public void Parse_PathKeys_ExpandToNestedObjects() => AssertSameTree("a { b { c = 1 } }", "a.b.c = 1");

    [Fact]
    public void Parse_QuotedKeySegments_AreLiteral()
    {
        var c = Parse("""
            bindings { "System.Byte[]" = bytes, "Akka.Actor.Status+Failure, Akka" = failure }
            "a.b".c = 1
            x."y.z" = 2
            """);
        Assert.Equal("bytes", c.GetString("bindings.\"System.Byte[]\""));
        Assert.Equal("failure", c.GetString("bindings.\"Akka.Actor.Status+Failure, Akka\""));
        Assert.Equal(1, c.GetInt("\"a.b\".c"));
        Assert.Equal(2, c.GetInt("x.\"y.z\""));
        Assert.Equal(["System.Byte[]", "Akka.Actor.Status+Failure, Akka"], c.GetConfig("bindings").Root.Keys);
    }

    [Fact]
    public void Parse_NumericKeySegments_AreKeys()
    {
        var c = Parse("arrays.12 = [1, 2]\n10.5 = x");
        Assert.Equal([1, 2], c.GetIntList("arrays.12"));
        Assert.Equal("x", c.GetString("10.5"));
        Assert.Equal("x", c.Root["10"] is HoconObject o ? ((HoconString)o["5"]).Value : null);
    }

    [Fact]
    public void Parse_WhitespaceInsideKey_IsKept()
    {
        var c = Parse("a b c = 1\n\"x\" y = 2");
        Assert.Equal(1, c.Root["a b c"] is HoconNumber n ? n.LongValue : -1);
        Assert.Equal(2, ((HoconNumber)c.Root["x y"]).LongValue);
    }

    [Fact]
    public void Parse_EmptyQuotedKey_Allowed() => Assert.Equal(1, ((HoconNumber)Tree("\"\" = 1")[""]).LongValue);

    [Fact]
    public void Parse_UnquotedStrings_EndAtForbiddenCharacters()
    {
        var c = Parse("""
            a = foo-bar_baz.qux/path
            b = a/b // comment
            """);
        Assert.Equal("foo-bar_baz.qux/path", c.GetString("a"));
        Assert.Equal("a/b", c.GetString("b"));
    }

    [Fact]
    public void Parse_ValueConcatenation_KeepsInnerWhitespace()
    {
        var c = Parse("a = null bar  42 \"baz\" true 3.14 hi   \nb = foo\"bar\"1");
        Assert.Equal("null bar  42 baz true 3.14 hi", c.GetString("a"));
        Assert.Equal("foobar1", c.GetString("b"));
    }

    [Fact]
    public void Parse_NumberTextInConcatenation_KeepsSourceText() => Assert.Equal("1.0 2.50 1e3", Parse("a = 1.0 2.50 1e3").GetString("a"));

    [Fact]
    public void Parse_ConcatenationInsideArray_IsOneElement() => Assert.Equal(["1 2", "a b"], Parse("a = [1 2, a b]").GetStringList("a"));

    [Fact]
    public void Parse_ArrayConcatenation_Appends() => Assert.Equal([1, 2, 3], Parse("a = [1] [2, 3]").GetIntList("a"));

    [Fact]
    public void Parse_ObjectConcatenation_Merges()
    {
        var c = Parse("a = { x : 1, y : 1 } { y : 2, z : 3 }");
        Assert.Equal(1, c.GetInt("a.x"));
        Assert.Equal(2, c.GetInt("a.y"));
        Assert.Equal(3, c.GetInt("a.z"));
    }

    [Theory]
    [InlineData("a = [1] foo")]
    [InlineData("a = { x : 1 } [1]")]
    [InlineData("a = foo { x : 1 }")]
    public void Parse_MixedConcatenation_Throws(string text) =>
        Assert.Contains("cannot concatenate", Assert.Throws<ConfigParseException>(() => Parse(text)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("a = \"\"\"hello\"\"\"", "hello")]
    [InlineData("a = \"\"\"raw \\n no escapes\"\"\"", "raw \\n no escapes")]
    [InlineData("a = \"\"\"line1\nline2\"\"\"", "line1\nline2")]
    [InlineData("a = \"\"\"\"quoted\"\"\"\"", "\"quoted\"")]
    [InlineData("a = \"\"\"x\"\"\"\"\"", "x\"\"")]
    [InlineData("a = \"\"\"a\"\"b\"\"\"", "a\"\"b")]
    [InlineData("a = \"\"\" // not a comment # either \"\"\"", " // not a comment # either ")]
    public void Parse_TripleQuotedString_IsRaw(string text, string expected) => Assert.Equal(expected, Parse(text).GetString("a"));

    [Theory]
    [InlineData(@"a = ""q\""q""", "q\"q")]
    [InlineData(@"a = ""back\\slash""", "back\\slash")]
    [InlineData(@"a = ""sl\/ash""", "sl/ash")]
    [InlineData(@"a = ""\b\f\n\r\t""", "\b\f\n\r\t")]
    [InlineData(@"a = ""\u00e9\u0041""", "éA")]
    public void Parse_JsonEscapes_AreDecoded(string text, string expected) => Assert.Equal(expected, Parse(text).GetString("a"));

    [Theory]
    [InlineData("a = 42", 42L, true)]
    [InlineData("a = -7", -7L, true)]
    [InlineData("a = 9223372036854775807", long.MaxValue, true)]
    [InlineData("a = 1.5", 0L, false)]
    [InlineData("a = 1e3", 0L, false)]
    [InlineData("a = 1E+3", 0L, false)]
    [InlineData("a = 2.5e-3", 0L, false)]
    public void Parse_Numbers_KeepKind(string text, long expectedLong, bool integral)
    {
        var n = Assert.IsType<HoconNumber>(Parse(text).GetValue("a"));
        Assert.Equal(integral, n.IsIntegral);
        if (integral)
        {
            Assert.Equal(expectedLong, n.LongValue);
        }
    }

    [Fact]
    public void Parse_NumberLikeText_IsString()
    {
        var c = Parse("a = 1.2.3\nb = 42abc\nc = -\nd = 0x10");
        Assert.Equal(HoconValueType.String, c.GetValue("a")!.Type);
        Assert.Equal("42abc", c.GetString("b"));
        Assert.Equal("-", c.GetString("c"));
        Assert.Equal("0x10", c.GetString("d"));
    }

    [Fact]
    public void Parse_NumbersCompareNumerically() => AssertSameTree("a = 42", "a = 42.0");

    [Fact]
    public void Parse_StringTrueIsNotBooleanTrue() => Assert.False(Tree("a = true").Equals(Tree("a = \"true\"")));

    [Theory]
    [InlineData("a = http://host")]
    [InlineData("a = x?y")]
    [InlineData("a = x^y")]
    [InlineData("a = $x")]
    [InlineData("a = x@y")]
    [InlineData("a = x*y")]
    [InlineData("a = x&y")]
    [InlineData("a = x!y")]
    [InlineData("a = x`y")]
    [InlineData("a = x\\y")]
    [InlineData("a = x + y")]
    public void Parse_ForbiddenCharacterInUnquotedValue_Throws(string text) =>
        Assert.Throws<ConfigParseException>(() => Parse(text));

    [Fact]
    public void Parse_KeyOrder_DoesNotMatterForEquality() => AssertSameTree("a = 1, b = 2", "b = 2, a = 1");

    [Fact]
    public void Parse_DuplicateObjects_DeepMerge()
    {
        var c = Parse("a { x = 1, n { p = 1 } }\na { y = 2, n { q = 2 } }");
        Assert.Equal(1, c.GetInt("a.x"));
        Assert.Equal(2, c.GetInt("a.y"));
        Assert.Equal(1, c.GetInt("a.n.p"));
        Assert.Equal(2, c.GetInt("a.n.q"));
    }

    [Fact]
    public void Parse_DuplicateScalar_LastWins() => Assert.Equal(3, Parse("a = 1\na = 2\na = 3").GetInt("a"));

    [Fact]
    public void Parse_ScalarAfterObject_Replaces()
    {
        var c = Parse("a { x = 1 }\na = 5");
        Assert.Equal(5, c.GetInt("a"));
        Assert.False(c.HasPath("a.x"));
    }

    [Fact]
    public void Parse_ObjectAfterScalar_Replaces()
    {
        var c = Parse("a = 5\na { x = 1 }");
        Assert.Equal(1, c.GetInt("a.x"));
        Assert.Equal(HoconValueType.Object, c.GetValue("a")!.Type);
    }

    [Fact]
    public void Parse_ObjectThenNullThenObject_OnlyLastObjectRemains()
    {
        var c = Parse("a { x = 1 }\na = null\na { y = 2 }");
        Assert.False(c.HasPath("a.x"));
        Assert.Equal(2, c.GetInt("a.y"));
    }

    [Fact]
    public void Parse_PlusEquals_AppendsToArray()
    {
        var c = Parse("a = [1]\na += 2\na += 3\nb += x\nnested { l = [a], l += b }");
        Assert.Equal([1, 2, 3], c.GetIntList("a"));
        Assert.Equal(["x"], c.GetStringList("b"));
        Assert.Equal(["a", "b"], c.GetStringList("nested.l"));
    }

    [Fact]
    public void Parse_LargeDocument_ParsesInMilliseconds()
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            sb.Append("section").Append(i % 50).Append(".key").Append(i).Append(" = \"value ").Append(i).Append("\" # comment\n");
        }

        var text = sb.ToString();
        ConfigurationFactory.ParseString(text).GetString("section0.key0"); // warm up
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var config = ConfigurationFactory.ParseString(text);
        Assert.Equal("value 1999", config.GetString("section49.key1999"));
        watch.Stop();
        Assert.True(watch.ElapsedMilliseconds < 500, $"parsing 2000 lines took {watch.ElapsedMilliseconds} ms");
    }
}
