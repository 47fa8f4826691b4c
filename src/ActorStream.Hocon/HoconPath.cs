using System.Text;

namespace ActorStream.Configuration;

/// <summary>
/// A parsed path expression: a list of keys. <c>a."b.c".d</c> has three keys; quoted parts are literal.
/// Immutable.
/// </summary>
internal sealed class HoconPath : IEquatable<HoconPath>
{
    private readonly string[] _segments;
    private string? _key;

    public HoconPath(string[] segments) => _segments = segments;

    public static HoconPath Root { get; } = new([]);

    public int Length => _segments.Length;

    public string this[int index] => _segments[index];

    public IReadOnlyList<string> Segments => _segments;

    /// <summary>A string that identifies the path exactly (segments joined by NUL).</summary>
    public string Key => _key ??= string.Join('\0', _segments);

    public HoconPath Append(string segment) => new([.. _segments, segment]);

    public HoconPath Concat(HoconPath other) =>
        other.Length == 0 ? this : Length == 0 ? other : new HoconPath([.. _segments, .. other._segments]);

    public HoconPath Take(int count) => count == _segments.Length ? this : new HoconPath(_segments[..count]);

    /// <summary>Renders the path as HOCON, quoting keys that need it.</summary>
    public string Render()
    {
        if (_segments.Length == 0)
        {
            return "";
        }

        var sb = new StringBuilder();
        for (var i = 0; i < _segments.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('.');
            }

            AppendKey(sb, _segments[i]);
        }

        return sb.ToString();
    }

    /// <summary>The dotted form used as an environment variable name.</summary>
    public string EnvironmentName => string.Join('.', _segments);

    public override string ToString() => Render();

    public bool Equals(HoconPath? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is HoconPath p && Equals(p);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    internal static void AppendKey(StringBuilder sb, string key)
    {
        if (NeedsQuotes(key))
        {
            HoconRenderer.AppendQuoted(sb, key);
        }
        else
        {
            sb.Append(key);
        }
    }

    private static bool NeedsQuotes(string key)
    {
        if (key.Length == 0)
        {
            return true;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses a path expression such as <c>a.b."c.d"</c>. Throws <see cref="ConfigException"/> when invalid.</summary>
    public static HoconPath Parse(string expression)
    {
        if (TryParse(expression, out var path, out var error))
        {
            return path;
        }

        throw new ConfigException($"Invalid path expression '{expression}': {error}");
    }

    public static bool TryParse(string expression, out HoconPath path, out string error)
    {
        path = Root;
        error = "";
        var text = expression.AsSpan().Trim();
        if (text.IsEmpty)
        {
            error = "path is empty";
            return false;
        }

        // Fast path: plain dotted keys.
        if (text.IndexOfAny('"', ' ', '\t') < 0)
        {
            var parts = text.ToString().Split('.');
            foreach (var part in parts)
            {
                if (part.Length == 0)
                {
                    error = "a path key is empty (leading, trailing or doubled '.'; quote it as \"\" if you mean it)";
                    return false;
                }
            }

            path = new HoconPath(parts);
            return true;
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (!HoconTokenizer.TryReadQuoted(text, ref i, current, out error))
                {
                    return false;
                }

                hasContent = true;
            }
            else if (c == '.')
            {
                if (!hasContent)
                {
                    error = "a path key is empty (leading, trailing or doubled '.'; quote it as \"\" if you mean it)";
                    return false;
                }

                segments.Add(current.ToString());
                current.Clear();
                hasContent = false;
            }
            else
            {
                current.Append(c);
                hasContent = true;
            }
        }

        if (!hasContent)
        {
            error = "a path key is empty (trailing '.')";
            return false;
        }

        segments.Add(current.ToString());
        path = new HoconPath([.. segments]);
        return true;
    }
}
