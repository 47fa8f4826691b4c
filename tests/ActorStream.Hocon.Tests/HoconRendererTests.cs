using System.Text;
using ActorStream.Configuration;
using static ActorStream.Hocon.Tests.Hocon;

namespace ActorStream.Hocon.Tests;

/// <summary>Render produces text that parses back to an equal value.</summary>
public sealed class HoconRendererTests
{
    [Fact]
    public void Render_RoundTrip_ComplexDocument()
    {
        var original = Parse(""""
            akka {
              actor.serialization-bindings { "System.Byte[]" = bytes, "A+B, C" = x }
              loglevel = INFO
              list = [1, 2.50, -3e2, "four", true, null, [nested], { k = v }]
              "" = empty-key
              text = "quote \" backslash \\ tab \t newline \n unicode \u00e9 control \u0001"
              triple = """raw \n "quoted" """
              sub = ${akka.loglevel}
              empty {}
              emptyList = []
            }
            """");
        var rendered = original.Render();
        var reparsed = Parse(rendered);
        Assert.True(original.Root.Equals(reparsed.Root), rendered);
        Assert.Equal(rendered, original.ToString());
    }

    [Fact]
    public void Render_IsValidJson()
    {
        var rendered = Parse("a { b = [1, x], c = yes, d = 1.5 }").Render();
        using var doc = System.Text.Json.JsonDocument.Parse(rendered);
        Assert.Equal("x", doc.RootElement.GetProperty("a").GetProperty("b")[1].GetString());
        Assert.Equal(1.5, doc.RootElement.GetProperty("a").GetProperty("d").GetDouble());
    }

    [Fact]
    public void Render_KeepsNumberSourceText() => Assert.Contains("1.50", Parse("a = 1.50").Render(), StringComparison.Ordinal);

    /// <summary>
    /// Property: for random trees (seeded, so failures reproduce), render then parse gives an equal tree,
    /// and rendering is stable.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Render_RandomTrees_RoundTrip(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 40; i++)
        {
            var tree = RandomObject(random, depth: 0);
            var rendered = new Config(tree).Render();
            var reparsed = Parse(rendered).Root;
            Assert.True(tree.Equals(reparsed), $"seed {seed}, case {i}:\n{rendered}");
            Assert.Equal(rendered, Parse(rendered).Render());
        }
    }

    /// <summary>Property: a random tree written as HOCON with path keys and no root braces parses to the same tree.</summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Parse_RandomTreesAsPathKeys_EqualTree(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 40; i++)
        {
            var tree = RandomObject(random, depth: 0);
            var sb = new StringBuilder();
            WritePathKeys(sb, "", tree);
            var reparsed = Parse(sb.ToString()).Root;
            Assert.True(tree.Equals(reparsed), $"seed {seed}, case {i}:\n{sb}");
        }
    }

    private static void WritePathKeys(StringBuilder sb, string prefix, HoconObject obj)
    {
        if (obj.Count == 0 && prefix.Length > 0)
        {
            sb.Append(prefix).Append(" {}\n");
        }

        foreach (var (key, value) in obj)
        {
            var quoted = new StringBuilder();
            Quote(quoted, key);
            var path = prefix.Length == 0 ? quoted.ToString() : prefix + "." + quoted;
            if (value is HoconObject child)
            {
                WritePathKeys(sb, path, child);
            }
            else
            {
                sb.Append(path).Append(" = ").Append(value.ToString().Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
            }
        }
    }

    private static void Quote(StringBuilder sb, string key) => sb.Append(System.Text.Json.JsonSerializer.Serialize(key));

    private static HoconObject RandomObject(Random random, int depth)
    {
        var fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        var count = random.Next(depth == 0 ? 1 : 0, 5);
        for (var i = 0; i < count; i++)
        {
            fields[RandomString(random)] = RandomValue(random, depth + 1);
        }

        return new HoconObject(fields);
    }

    private static HoconValue RandomValue(Random random, int depth) => random.Next(depth > 3 ? 5 : 7) switch
    {
        0 => new HoconString(RandomString(random)),
        1 => new HoconNumber(random.NextInt64(long.MinValue, long.MaxValue)),
        2 => new HoconNumber(Math.Round(random.NextDouble() * 1e6, 3)),
        3 => random.Next(2) == 0 ? HoconBoolean.True : HoconBoolean.False,
        4 => HoconNull.Instance,
        5 => new HoconArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))),
        _ => RandomObject(random, depth),
    };

    private static string RandomString(Random random)
    {
        const string alphabet = "abcXYZ019 .-_\"\\$#{}[]:=,+/\n\té€";
        var length = random.Next(0, 8);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
