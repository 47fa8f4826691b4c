using System.Globalization;
using System.Text;

namespace ActorStream.Configuration;

/// <summary>
/// Java <c>.properties</c> files: <c>key=value</c>, <c>key:value</c> or <c>key value</c> lines, <c>#</c>/<c>!</c>
/// comments, backslash line continuations and escapes. Every value is a string; dotted keys are paths. When a
/// key is both a value and a parent (<c>a=1</c>, <c>a.b=2</c>) the object wins, as in lightbend/config.
/// </summary>
internal static class PropertiesParser
{
    public static HoconObject Parse(string text, string source)
    {
        var root = new HoconObject();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].TrimStart();
            if (line.Length == 0 || line[0] == '#' || line[0] == '!')
            {
                continue;
            }

            while (EndsWithContinuation(line) && i + 1 < lines.Length)
            {
                line = line[..^1] + lines[++i].TrimStart();
            }

            var (key, value) = Split(line);
            var segments = key.Split('.');
            if (Array.Exists(segments, s => s.Length == 0))
            {
                continue;
            }

            Set(root, segments, new HoconString(value) { Location = new SourceLocation(source, lineNumber) });
        }

        return root;
    }

    private static bool EndsWithContinuation(string line)
    {
        var count = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    private static (string Key, string Value) Split(string line)
    {
        var key = new StringBuilder();
        var i = 0;
        for (; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                i++;
                key.Append(Unescape(line, ref i));
                continue;
            }

            if (c is '=' or ':' || char.IsWhiteSpace(c))
            {
                break;
            }

            key.Append(c);
        }

        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        if (i < line.Length && line[i] is '=' or ':')
        {
            i++;
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }
        }

        var value = new StringBuilder();
        for (; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                i++;
                value.Append(Unescape(line, ref i));
            }
            else
            {
                value.Append(line[i]);
            }
        }

        return (key.ToString(), value.ToString());
    }

    private static string Unescape(string line, ref int i)
    {
        var c = line[i];
        switch (c)
        {
            case 't': return "\t";
            case 'n': return "\n";
            case 'r': return "\r";
            case 'f': return "\f";
            case 'u' when i + 4 < line.Length &&
                ushort.TryParse(line.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                i += 4;
                return ((char)code).ToString();
            default: return c.ToString();
        }
    }

    private static void Set(HoconObject root, string[] segments, HoconString value)
    {
        var current = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (!current.TryGetValue(segments[i], out var child) || child is not HoconObject childObject)
            {
                childObject = new HoconObject();
                current.SetField(segments[i], childObject);
            }

            current = childObject;
        }

        var last = segments[^1];
        if (current.TryGetValue(last, out var existing) && existing is HoconObject)
        {
            return;
        }

        current.SetField(last, value);
    }
}
