using System.Text;

namespace ActorStream.Kafka.CodeGen;

/// <summary>Indented text builder for generated C#.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter(int indent = 0) => _indent = indent;

    public void Line(string line = "")
    {
        if (line.Length == 0)
        {
            _text.Append('\n');
            return;
        }

        _text.Append(' ', _indent * 4).Append(line).Append('\n');
    }

    public void Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
    }

    public void Open()
    {
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
