using System.Globalization;
using System.Text;

namespace ActorStream.Event;

/// <summary>Fills <c>{0}</c> or <c>{Name}</c> holes positionally; <c>{{</c> and <c>}}</c> are literal braces.</summary>
internal static class LogTemplate
{
    public static string Format(string template, IReadOnlyList<object?> args)
    {
        if (args.Count == 0 || template.IndexOf('{', StringComparison.Ordinal) < 0)
        {
            return template;
        }

        var sb = new StringBuilder(template.Length + 32);
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                sb.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                sb.Append('}');
                i++;
                continue;
            }

            if (c == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close > i)
                {
                    var hole = template.AsSpan(i + 1, close - i - 1);
                    var colon = hole.IndexOf(':');
                    var name = colon >= 0 ? hole[..colon] : hole;
                    var index = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : next++;
                    sb.Append(index < args.Count ? Convert.ToString(args[index], CultureInfo.InvariantCulture) ?? "null" : "{" + hole.ToString() + "}");
                    i = close;
                    continue;
                }
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
