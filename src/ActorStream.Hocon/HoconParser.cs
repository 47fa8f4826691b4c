using System.Text;

namespace ActorStream.Configuration;

/// <summary>
/// Recursive-descent parser from tokens to an unresolved <see cref="HoconObject"/> tree. Duplicate keys are
/// merged as they are read; includes are loaded through <see cref="IncludeContext"/>. Not thread-safe;
/// one instance per text.
/// </summary>
internal sealed class HoconParser
{
    internal const int MaxIncludeDepth = 50;

    private readonly List<Token> _tokens;
    private readonly string _source;
    private readonly IncludeContext _includes;
    private readonly int _depth;
    private int _index;

    private HoconParser(List<Token> tokens, string source, IncludeContext includes, int depth)
    {
        _tokens = tokens;
        _source = source;
        _includes = includes;
        _depth = depth;
    }

    /// <summary>Parses a whole HOCON document; the root must be an object (braces optional).</summary>
    public static HoconObject Parse(string text, string source, IncludeContext includes, int depth = 0)
    {
        if (depth > MaxIncludeDepth)
        {
            throw new ConfigException($"{source}: includes nested more than {MaxIncludeDepth} deep (an include cycle?)");
        }

        var tokens = new HoconTokenizer(text, source).Tokenize();
        return new HoconParser(tokens, source, includes, depth).ParseRoot();
    }

    private Token Peek(int offset = 0) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    private Token Next()
    {
        var token = _tokens[_index];
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private void SkipWhitespace()
    {
        while (Peek().Kind == TokenKind.Whitespace)
        {
            Next();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            Next();
        }
    }

    private ConfigParseException Error(Token at, string message) => new(_source, at.Line, at.Column, message);

    private SourceLocation Location(Token token) => new(_source, token.Line);

    private HoconObject ParseRoot()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        HoconObject root;
        if (first.Kind == TokenKind.LeftBrace)
        {
            Next();
            root = ParseObjectBody(HoconPath.Root, braced: true, first);
        }
        else if (first.Kind == TokenKind.LeftBracket)
        {
            throw Error(first, "expected an object at the root of the document but found an array ('[')");
        }
        else
        {
            root = ParseObjectBody(HoconPath.Root, braced: false, first);
        }

        SkipWhitespaceAndNewlines();
        var rest = Peek();
        if (rest.Kind != TokenKind.EndOfInput)
        {
            throw Error(rest, $"expected end of input after the root object but found {rest.Describe()}");
        }

        return root;
    }

    /// <summary>Reads fields until the closing brace (or end of input for an unbraced root).</summary>
    /// <param name="prefix">Path of this object from the document root, or null inside arrays.</param>
    /// <param name="braced">True when a '{' opened the object.</param>
    /// <param name="open">The token that opened the object, for messages.</param>
    private HoconObject ParseObjectBody(HoconPath? prefix, bool braced, Token open)
    {
        var obj = new HoconObject { Location = Location(open) };
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var t = Peek();
            if (braced && t.Kind == TokenKind.RightBrace)
            {
                Next();
                return obj;
            }

            if (t.Kind == TokenKind.EndOfInput)
            {
                if (!braced)
                {
                    return obj;
                }

                throw Error(t, $"expected '}}' to close the object opened at line {open.Line}, column {open.Column}, but found end of input");
            }

            HoconPath? key = null;
            if (IsIncludeStart())
            {
                ParseInclude(obj, prefix);
            }
            else
            {
                key = ParseField(obj, prefix);
            }

            SkipWhitespace();
            t = Peek();
            if (t.Kind == TokenKind.Comma)
            {
                Next();
                continue;
            }

            if (t.Kind == TokenKind.Newline || (braced && t.Kind == TokenKind.RightBrace) || (!braced && t.Kind == TokenKind.EndOfInput))
            {
                continue;
            }

            if (t.Kind == TokenKind.EndOfInput)
            {
                throw Error(t, $"expected '}}' to close the object opened at line {open.Line}, column {open.Column}, but found end of input");
            }

            var closer = braced ? "'}'" : "end of input";
            var what = key is null ? "include" : "the value of \"" + key.Render() + "\"";
            throw Error(t, $"expected ',', newline or {closer} after {what} but found {t.Describe()}");
        }
    }

    /// <summary>Parses <c>key (:|=|+=) value</c> or <c>key { ... }</c> into <paramref name="obj"/>; returns the key.</summary>
    private HoconPath ParseField(HoconObject obj, HoconPath? prefix)
    {
        var keyToken = Peek();
        var key = ParseKey();
        SkipWhitespaceAndNewlines();
        var t = Peek();
        var fullPath = prefix is null ? key : prefix.Concat(key);
        HoconValue value;
        switch (t.Kind)
        {
            case TokenKind.Colon:
            case TokenKind.Equals:
                Next();
                SkipWhitespaceAndNewlines();
                value = ParseValue(fullPath, key, t.Text);
                break;
            case TokenKind.LeftBrace:
                value = ParseValue(fullPath, key, null);
                break;
            case TokenKind.PlusEquals:
                Next();
                SkipWhitespaceAndNewlines();
                var element = ParseValue(fullPath, key, "+=");
                var location = Location(t);
                value = new HoconConcatenation(
                [
                    new HoconSubstitution(fullPath, optional: true, HoconPath.Root) { Location = location },
                    new HoconArray([element]) { Location = location },
                ])
                { Location = location };
                break;
            default:
                throw Error(t, $"expected ':' or '=' after key \"{key.Render()}\" but found {t.Describe()}");
        }

        for (var i = key.Length - 1; i >= 1; i--)
        {
            var wrapper = new HoconObject { Location = Location(keyToken) };
            wrapper.SetField(key[i], value);
            value = wrapper;
        }

        obj.Fields.TryGetValue(key[0], out var existing);
        obj.SetField(key[0], HoconMerge.Merge(value, existing, inPlace: true));
        return key;
    }

    /// <summary>
    /// Reads a key: quoted and unquoted parts with the whitespace between them. Unquoted dots split keys;
    /// quoted parts are literal.
    /// </summary>
    private HoconPath ParseKey()
    {
        var start = Peek();
        if (start.Kind is not (TokenKind.QuotedString or TokenKind.Unquoted))
        {
            throw Error(start, $"expected a key (or a closing brace) but found {start.Describe()}");
        }

        var segments = new List<string>(4);
        var current = new StringBuilder();
        var hasContent = false;
        var pendingWhitespace = "";
        while (true)
        {
            var t = Peek();
            if (t.Kind == TokenKind.Whitespace)
            {
                pendingWhitespace += t.Text;
                Next();
                continue;
            }

            if (t.Kind is not (TokenKind.QuotedString or TokenKind.Unquoted))
            {
                break;
            }

            Next();
            current.Append(pendingWhitespace);
            pendingWhitespace = "";
            if (t.Kind == TokenKind.QuotedString)
            {
                current.Append(t.Text);
                hasContent = true;
                continue;
            }

            foreach (var c in t.Text)
            {
                if (c == '.')
                {
                    if (!hasContent)
                    {
                        throw Error(t, $"invalid key '{t.Text}': a path element is empty (quote \"\" for an empty key)");
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
        }

        if (!hasContent)
        {
            throw Error(start, "invalid key: the last path element is empty (quote \"\" for an empty key)");
        }

        segments.Add(current.ToString());
        return new HoconPath([.. segments]);
    }

    private static bool IsValueStart(TokenKind kind) => kind is TokenKind.QuotedString or TokenKind.Unquoted
        or TokenKind.Substitution or TokenKind.LeftBrace or TokenKind.LeftBracket;

    /// <summary>Reads one value, which may be a concatenation of several pieces on one line.</summary>
    /// <param name="path">Path of the field being defined (for objects and <c>+=</c>), or null in arrays.</param>
    /// <param name="key">The key as written, for messages; null for array elements.</param>
    /// <param name="separator">The separator that preceded the value, for messages.</param>
    private HoconValue ParseValue(HoconPath? path, HoconPath? key, string? separator)
    {
        var first = Peek();
        if (!IsValueStart(first.Kind))
        {
            var context = key is null ? "as an array element"
                : separator is null ? $"for key \"{key.Render()}\""
                : $"after '{separator}' for key \"{key.Render()}\"";
            throw Error(first, $"expected a value {context} but found {first.Describe()}");
        }

        var firstPiece = ParsePiece(path);
        if (!(IsValueStart(Peek().Kind) || (Peek().Kind == TokenKind.Whitespace && IsValueStart(Peek(1).Kind))))
        {
            return firstPiece;
        }

        var pieces = new List<HoconValue>(4) { firstPiece };
        while (true)
        {
            var t = Peek();
            if (IsValueStart(t.Kind))
            {
                pieces.Add(ParsePiece(path));
            }
            else if (t.Kind == TokenKind.Whitespace && IsValueStart(Peek(1).Kind))
            {
                Next();
                pieces.Add(new HoconString(t.Text) { IsConcatWhitespace = true, Location = Location(t) });
            }
            else
            {
                break;
            }
        }

        try
        {
            return HoconConcatenation.Create(pieces, Location(first));
        }
        catch (ConfigException e) when (e is not ConfigParseException)
        {
            throw Error(first, e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        }
    }

    private HoconValue ParsePiece(HoconPath? path)
    {
        var t = Next();
        var location = Location(t);
        switch (t.Kind)
        {
            case TokenKind.QuotedString:
                return new HoconString(t.Text) { Location = location };
            case TokenKind.Unquoted:
                return t.Text switch
                {
                    "true" => new HoconBoolean(true) { Location = location },
                    "false" => new HoconBoolean(false) { Location = location },
                    "null" => new HoconNull { Location = location },
                    _ when (char.IsAsciiDigit(t.Text[0]) || t.Text[0] == '-') && HoconNumber.TryParse(t.Text, out var number) =>
                        number!.WithLocation(location),
                    _ => new HoconString(t.Text) { Location = location },
                };
            case TokenKind.Substitution:
                return new HoconSubstitution(t.Path!, t.Optional, HoconPath.Root) { Location = location };
            case TokenKind.LeftBrace:
                return ParseObjectBody(path, braced: true, t);
            case TokenKind.LeftBracket:
                return ParseArray(t);
            default:
                throw Error(t, $"expected a value but found {t.Describe()}");
        }
    }

    private HoconArray ParseArray(Token open)
    {
        var items = new List<HoconValue>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var t = Peek();
            if (t.Kind == TokenKind.RightBracket)
            {
                Next();
                return new HoconArray(items) { Location = Location(open) };
            }

            if (t.Kind == TokenKind.EndOfInput)
            {
                throw Error(t, $"expected ']' to close the array opened at line {open.Line}, column {open.Column}, but found end of input");
            }

            items.Add(ParseValue(null, null, null));
            SkipWhitespace();
            t = Peek();
            if (t.Kind == TokenKind.Comma)
            {
                Next();
            }
            else if (t.Kind == TokenKind.EndOfInput)
            {
                throw Error(t, $"expected ']' to close the array opened at line {open.Line}, column {open.Column}, but found end of input");
            }
            else if (t.Kind is not (TokenKind.Newline or TokenKind.RightBracket))
            {
                throw Error(t, $"expected ',', newline or ']' after an array element but found {t.Describe()}");
            }
        }
    }

    private bool IsIncludeStart()
    {
        var t = Peek();
        if (t.Kind != TokenKind.Unquoted || t.Text != "include" || Peek(1).Kind != TokenKind.Whitespace)
        {
            return false;
        }

        var target = Peek(2);
        return target.Kind == TokenKind.QuotedString ||
            (target.Kind == TokenKind.Unquoted && (target.Text.StartsWith("file(", StringComparison.Ordinal) ||
                target.Text.StartsWith("required(", StringComparison.Ordinal) ||
                target.Text.StartsWith("url(", StringComparison.Ordinal) ||
                target.Text.StartsWith("classpath(", StringComparison.Ordinal)));
    }

    private void ParseInclude(HoconObject obj, HoconPath? prefix)
    {
        var keyword = Next();
        var shape = new StringBuilder();
        string? name = null;
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.QuotedString or TokenKind.Unquoted)
        {
            var t = Next();
            if (t.Kind == TokenKind.QuotedString)
            {
                if (name is not null)
                {
                    throw Error(t, "expected a single quoted name in include");
                }

                name = t.Text;
                shape.Append('\u0001');
            }
            else if (t.Kind == TokenKind.Unquoted)
            {
                shape.Append(t.Text);
            }
        }

        var (kind, required) = shape.ToString() switch
        {
            "\u0001" => (IncludeKind.Heuristic, false),
            "file(\u0001)" => (IncludeKind.File, false),
            "classpath(\u0001)" => (IncludeKind.Classpath, false),
            "url(\u0001)" => (IncludeKind.Url, false),
            "required(\u0001)" => (IncludeKind.Heuristic, true),
            "required(file(\u0001))" => (IncludeKind.File, true),
            "required(classpath(\u0001))" => (IncludeKind.Classpath, true),
            "required(url(\u0001))" => (IncludeKind.Url, true),
            _ => throw Error(keyword, "invalid include: expected include \"name\", file(\"name\"), classpath(\"name\"), url(\"name\") or required(...) around one of them"),
        };

        HoconObject included;
        try
        {
            included = _includes.Include(kind, name!, required, _depth + 1);
        }
        catch (ConfigException e) when (e is not ConfigParseException)
        {
            throw Error(keyword, e.Message);
        }

        if (prefix is not null && prefix.Length > 0)
        {
            IncludePrefixer.Apply(included, prefix);
        }

        HoconMerge.MergeObjects(included, obj, inPlace: true);
    }
}
