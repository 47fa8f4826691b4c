using System.Buffers;
using System.Globalization;
using System.Text;

namespace ActorStream.Configuration;

internal enum TokenKind
{
    EndOfInput,
    Newline,
    Whitespace,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    QuotedString,
    Unquoted,
    Substitution,
}

/// <summary>A lexical token. <see cref="Text"/> is the unescaped string for quoted strings and the raw text otherwise.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, HoconPath? Path = null, bool Optional = false)
{
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.Newline => "newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.LeftBrace => "'{'",
        TokenKind.RightBrace => "'}'",
        TokenKind.LeftBracket => "'['",
        TokenKind.RightBracket => "']'",
        TokenKind.Comma => "','",
        TokenKind.Colon => "':'",
        TokenKind.Equals => "'='",
        TokenKind.PlusEquals => "'+='",
        TokenKind.QuotedString => "quoted string \"" + Text + "\"",
        TokenKind.Substitution => "substitution '" + Text + "'",
        _ => "'" + Text + "'",
    };
}

/// <summary>
/// Turns HOCON text into tokens. Comments are dropped (the newline after them is kept); whitespace is kept
/// as tokens because it is significant inside value concatenations and keys. Not thread-safe; one
/// instance per text.
/// </summary>
internal sealed class HoconTokenizer
{
    // Characters that end an unquoted string (besides whitespace and "//").
    private static readonly SearchValues<char> s_forbidden = SearchValues.Create("$\"{}[]:=,+#`^?!@*&\\");

    private static readonly SearchValues<char> s_digitsAndDot = SearchValues.Create("0123456789.");

    private readonly string _text;
    private readonly string _source;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public HoconTokenizer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    public static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>(Math.Max(16, _text.Length / 4));
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfInput)
            {
                return tokens;
            }
        }
    }

    private Token Next()
    {
        while (true)
        {
            if (_pos >= _text.Length)
            {
                return new Token(TokenKind.EndOfInput, "", _line, _column);
            }

            var c = _text[_pos];
            if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    Advance();
                }

                continue;
            }

            var line = _line;
            var column = _column;
            switch (c)
            {
                case '\n':
                    Advance();
                    return new Token(TokenKind.Newline, "\n", line, column);
                case '{':
                    Advance();
                    return new Token(TokenKind.LeftBrace, "{", line, column);
                case '}':
                    Advance();
                    return new Token(TokenKind.RightBrace, "}", line, column);
                case '[':
                    Advance();
                    return new Token(TokenKind.LeftBracket, "[", line, column);
                case ']':
                    Advance();
                    return new Token(TokenKind.RightBracket, "]", line, column);
                case ',':
                    Advance();
                    return new Token(TokenKind.Comma, ",", line, column);
                case ':':
                    Advance();
                    return new Token(TokenKind.Colon, ":", line, column);
                case '=':
                    Advance();
                    return new Token(TokenKind.Equals, "=", line, column);
                case '"':
                    return ReadString(line, column);
                case '$':
                    return ReadSubstitution(line, column);
                case '+':
                    if (Peek(1) == '=')
                    {
                        Advance();
                        Advance();
                        return new Token(TokenKind.PlusEquals, "+=", line, column);
                    }

                    break;
            }

            if (IsWhitespace(c))
            {
                var start = _pos;
                while (_pos < _text.Length && IsWhitespace(_text[_pos]))
                {
                    Advance();
                }

                return new Token(TokenKind.Whitespace, _text[start.._pos], line, column);
            }

            if (s_forbidden.Contains(c))
            {
                throw Error(line, column, $"reserved character '{c}' is not allowed outside quotes (quote the string to use it)");
            }

            return ReadUnquoted(line, column);
        }
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    private Token ReadUnquoted(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n' || IsWhitespace(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            if (s_forbidden.Contains(c))
            {
                // Allow the '+' of an exponent such as 1e+5.
                if (c == '+' && IsExponentSoFar(start, _pos))
                {
                    Advance();
                    continue;
                }

                break;
            }

            Advance();
        }

        return new Token(TokenKind.Unquoted, _text[start.._pos], line, column);
    }

    private bool IsExponentSoFar(int start, int end)
    {
        var s = _text.AsSpan(start, end - start);
        if (s.Length < 2 || (s[^1] != 'e' && s[^1] != 'E'))
        {
            return false;
        }

        s = s[..^1];
        if (s[0] == '-')
        {
            s = s[1..];
        }

        return !s.IsEmpty && char.IsAsciiDigit(s[0]) && s.IndexOfAnyExcept(s_digitsAndDot) < 0;
    }

    private Token ReadString(int line, int column)
    {
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            return ReadTripleQuoted(line, column);
        }

        Advance();
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(line, column, "unterminated quoted string (expected a closing '\"')");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                Advance();
                return new Token(TokenKind.QuotedString, sb.ToString(), line, column);
            }

            if (c == '\n')
            {
                throw Error(_line, _column, "newline inside a quoted string (use \\n, or a triple-quoted \"\"\"string\"\"\")");
            }

            if (c == '\\')
            {
                var escapeLine = _line;
                var escapeColumn = _column;
                Advance();
                if (_pos >= _text.Length)
                {
                    throw Error(escapeLine, escapeColumn, "unterminated escape sequence in quoted string");
                }

                var e = _text[_pos];
                Advance();
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length ||
                            !ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error(escapeLine, escapeColumn, "expected four hex digits after \\u in quoted string");
                        }

                        sb.Append((char)code);
                        for (var i = 0; i < 4; i++)
                        {
                            Advance();
                        }

                        break;
                    default:
                        throw Error(escapeLine, escapeColumn, $"invalid escape sequence '\\{e}' in quoted string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
                }

                continue;
            }

            sb.Append(c);
            Advance();
        }
    }

    private Token ReadTripleQuoted(int line, int column)
    {
        Advance();
        Advance();
        Advance();
        var start = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(line, column, "unterminated triple-quoted string (expected a closing '\"\"\"')");
            }

            if (_text[_pos] == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                // Quotes beyond the final three belong to the content.
                var run = 0;
                while (_pos + run < _text.Length && _text[_pos + run] == '"')
                {
                    run++;
                }

                var contentEnd = _pos + run - 3;
                var content = _text[start..contentEnd];
                for (var i = 0; i < run; i++)
                {
                    Advance();
                }

                return new Token(TokenKind.QuotedString, content, line, column);
            }

            Advance();
        }
    }

    private Token ReadSubstitution(int line, int column)
    {
        if (Peek(1) != '{')
        {
            throw Error(line, column, "'$' must start a substitution '${path}' (quote the string to use a literal '$')");
        }

        Advance();
        Advance();
        var optional = false;
        if (_pos < _text.Length && _text[_pos] == '?')
        {
            optional = true;
            Advance();
        }

        var start = _pos;
        var inQuotes = false;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(line, column, "unterminated substitution (expected '}' to close '${')");
            }

            var c = _text[_pos];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    Advance();
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == '}')
            {
                break;
            }
            else if (s_forbidden.Contains(c))
            {
                throw Error(_line, _column, $"reserved character '{c}' is not allowed in substitution path (quote the key)");
            }

            Advance();
        }

        var expression = _text[start.._pos];
        Advance();
        if (!HoconPath.TryParse(expression, out var path, out var error))
        {
            throw Error(line, column, $"invalid substitution '${{{expression}}}': {error}");
        }

        var raw = (optional ? "${?" : "${") + expression + "}";
        return new Token(TokenKind.Substitution, raw, line, column, path, optional);
    }

    private ConfigParseException Error(int line, int column, string message) => new(_source, line, column, message);

    /// <summary>
    /// Reads a JSON-escaped quoted string starting at <paramref name="i"/> (the opening quote) and leaves
    /// <paramref name="i"/> on the closing quote. Used by the path parser.
    /// </summary>
    internal static bool TryReadQuoted(ReadOnlySpan<char> text, ref int i, StringBuilder sb, out string error)
    {
        error = "";
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                return true;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                i++;
                var e = text[i];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u' when i + 4 < text.Length &&
                        ushort.TryParse(text.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                        sb.Append((char)code);
                        i += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
            else
            {
                sb.Append(c);
            }

            i++;
        }

        error = "unterminated quoted key";
        return false;
    }
}
