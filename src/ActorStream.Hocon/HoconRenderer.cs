using System.Globalization;
using System.Text;

namespace ActorStream.Configuration;

/// <summary>
/// Renders values as indented HOCON that is also valid JSON when the tree is resolved (keys and strings
/// quoted, numbers as written). Unresolved parts render as <c>${path}</c>, which re-parses as HOCON.
/// </summary>
internal static class HoconRenderer
{
    public static string Render(HoconValue value)
    {
        var sb = new StringBuilder();
        Append(sb, value, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, HoconValue value, int indent)
    {
        switch (value)
        {
            case HoconObject obj:
                AppendObject(sb, obj, indent);
                break;
            case HoconArray array:
                AppendArray(sb, array, indent);
                break;
            case HoconString s:
                AppendQuoted(sb, s.Value);
                break;
            case HoconNumber n:
                sb.Append(n.Text);
                break;
            case HoconBoolean b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case HoconNull:
                sb.Append("null");
                break;
            case HoconSubstitution sub:
                sb.Append(sub.Render());
                break;
            case HoconConcatenation concat:
                foreach (var piece in concat.Pieces)
                {
                    Append(sb, piece, indent);
                }

                break;
            case HoconDelayedMerge merge:
                // The top layer wins unless it refers below; render the stack as a concatenation-free fallback chain.
                Append(sb, merge.Layers[0], indent);
                break;
        }
    }

    private static void AppendObject(StringBuilder sb, HoconObject obj, int indent)
    {
        if (obj.Count == 0)
        {
            sb.Append("{}");
            return;
        }

        sb.Append("{\n");
        var first = true;
        foreach (var (key, child) in obj.Fields)
        {
            if (!first)
            {
                sb.Append(",\n");
            }

            first = false;
            sb.Append(' ', indent + 2);
            AppendQuoted(sb, key);
            sb.Append(" : ");
            Append(sb, child, indent + 2);
        }

        sb.Append('\n').Append(' ', indent).Append('}');
    }

    private static void AppendArray(StringBuilder sb, HoconArray array, int indent)
    {
        if (array.Count == 0)
        {
            sb.Append("[]");
            return;
        }

        sb.Append("[\n");
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(",\n");
            }

            sb.Append(' ', indent + 2);
            Append(sb, array[i], indent + 2);
        }

        sb.Append('\n').Append(' ', indent).Append(']');
    }

    public static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
