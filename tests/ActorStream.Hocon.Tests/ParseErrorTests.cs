using ActorStream.Configuration;

namespace ActorStream.Hocon.Tests;

/// <summary>Parse errors name the source, line and column and say what was expected.</summary>
public sealed class ParseErrorTests
{
    [Fact]
    public void ParseFile_MissingSeparator_ReportsFileLineColumn()
    {
        var dir = Directory.CreateTempSubdirectory("hocon-err-");
        try
        {
            var path = Path.Combine(dir.FullName, "app.conf");
            File.WriteAllText(path, "# settings\nok = 1\n  nested { a }\n");
            var ex = Assert.Throws<ConfigParseException>(() => ConfigurationFactory.ParseFile(path));
            Assert.EndsWith("app.conf:3:14: expected ':' or '=' after key \"a\" but found '}'", ex.Message, StringComparison.Ordinal);
            Assert.Equal(3, ex.Line);
            Assert.Equal(14, ex.Column);
            Assert.EndsWith("app.conf", ex.SourceName, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("a = ", "<string>:1:5: expected a value after '=' for key \"a\" but found end of input")]
    [InlineData("a :\n}", "<string>:2:1: expected a value after ':' for key \"a\" but found '}'")]
    [InlineData("a = [1, 2", "<string>:1:10: expected ']' to close the array opened at line 1, column 5, but found end of input")]
    [InlineData("{ a = 1", "<string>:1:8: expected '}' to close the object opened at line 1, column 1, but found end of input")]
    [InlineData("a = \"open", "<string>:1:5: unterminated quoted string")]
    [InlineData("a = \"\"\"open", "<string>:1:5: unterminated triple-quoted string")]
    [InlineData("a = \"x\\qy\"", "<string>:1:7: invalid escape sequence '\\q'")]
    [InlineData("a = \"x\ny\"", "<string>:1:7: newline inside a quoted string")]
    [InlineData("a = 1 }", "<string>:1:7: expected ',', newline or end of input after the value of \"a\" but found '}'")]
    [InlineData("{ a = 1 ] }", "<string>:1:9: expected ',', newline or '}' after the value of \"a\" but found ']'")]
    [InlineData("[1, 2]", "<string>:1:1: expected an object at the root")]
    [InlineData("{ a = 1 } b = 2", "<string>:1:11: expected end of input after the root object but found 'b'")]
    [InlineData("a = 1,,b = 2", "<string>:1:7: expected a key (or a closing brace) but found ','")]
    [InlineData("a = ${}", "<string>:1:5: invalid substitution")]
    [InlineData("a = ${b.}", "<string>:1:5: invalid substitution '${b.}'")]
    [InlineData("a = ${b", "<string>:1:5: unterminated substitution")]
    [InlineData(".a = 1", "<string>:1:1: invalid key '.a'")]
    [InlineData("a. = 1", "<string>:1:1: invalid key: the last path element is empty")]
    [InlineData("a = x ? y", "<string>:1:7: reserved character '?'")]
    [InlineData("a = $x", "<string>:1:5: '$' must start a substitution")]
    [InlineData("a = [1 {}]", "<string>:1:6: cannot concatenate an object with a string")]
    [InlineData("a = [1,\n,2]", "<string>:2:1: expected a value as an array element but found ','")]
    [InlineData("a = \"\\u12\"", "<string>:1:6: expected four hex digits after \\u")]
    [InlineData("${x} = 1", "<string>:1:1: expected a key (or a closing brace) but found substitution '${x}'")]
    [InlineData("a + 1", "<string>:1:3: reserved character '+'")]
    public void ParseString_InvalidSyntax_DescribesProblem(string text, string expectedPrefix)
    {
        var ex = Assert.Throws<ConfigParseException>(() => ConfigurationFactory.ParseString(text));
        Assert.StartsWith(expectedPrefix, ex.Message, StringComparison.Ordinal);
        Assert.Equal("<string>", ex.SourceName);
    }

    [Fact]
    public void ParseException_IsConfigException() =>
        Assert.IsAssignableFrom<ConfigException>(Assert.Throws<ConfigParseException>(() => ConfigurationFactory.ParseString("a = ")));
}
