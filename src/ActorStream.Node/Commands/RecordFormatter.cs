using System.Buffers;
using System.Text;
using System.Text.Json;
using ActorStream.Client;

namespace ActorStream.Node.Commands;

/// <summary>
/// Writes consumed records to a stream: <c>json</c> (one object per line), <c>value</c>, or a template with
/// <c>%t</c> topic, <c>%p</c> partition, <c>%o</c> offset, <c>%T</c> timestamp, <c>%k</c> key, <c>%v</c> value,
/// <c>%h</c> headers (k=v,...), <c>%%</c>, and the escapes <c>\t</c>, <c>\n</c>, <c>\\</c>.
/// Keys, values and header values are written as UTF-8 text; null ones as <c>null</c> in JSON and empty otherwise.
/// </summary>
internal sealed class RecordFormatter
{
    private readonly Stream _output;
    private readonly string? _template;
    private readonly bool _json;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates a formatter for <paramref name="format"/> writing to <paramref name="output"/>.</summary>
    /// <param name="format"><c>json</c>, <c>value</c> or a template.</param>
    /// <param name="output">The destination (stdout).</param>
    public RecordFormatter(string format, Stream output)
    {
        _output = output;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            _json = true;
        }
        else
        {
            _template = string.Equals(format, "value", StringComparison.OrdinalIgnoreCase) ? "%v" : Unescape(format);
        }
    }

    /// <summary>Writes one record followed by a newline.</summary>
    /// <param name="result">The record.</param>
    public void Write(ConsumeResult<byte[], byte[]> result)
    {
        if (_json)
        {
            WriteJson(result);
        }
        else
        {
            WriteTemplate(result);
        }

        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= 64 * 1024)
        {
            Flush();
        }
    }

    /// <summary>Writes what is buffered to the output.</summary>
    public void Flush()
    {
        if (_buffer.WrittenCount > 0)
        {
            _output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }

        _output.Flush();
    }

    private static string Unescape(string template)
    {
        var builder = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '\\' && i + 1 < template.Length)
            {
                var next = template[++i];
                builder.Append(next switch
                {
                    't' => '\t',
                    'n' => '\n',
                    'r' => '\r',
                    '0' => '\0',
                    _ => next,
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    private void WriteJson(ConsumeResult<byte[], byte[]> result)
    {
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("topic"u8, result.Topic);
        _writer.WriteNumber("partition"u8, result.Partition.Value);
        _writer.WriteNumber("offset"u8, result.Offset.Value);
        _writer.WriteNumber("timestamp"u8, result.Message.Timestamp.UnixTimestampMs);
        _writer.WriteString("key"u8, Text(result.Message.Key));
        _writer.WriteString("value"u8, Text(result.Message.Value));
        _writer.WriteStartArray("headers"u8);
        if (result.Message.Headers is { } headers)
        {
            foreach (var header in headers)
            {
                _writer.WriteStartObject();
                _writer.WriteString("key"u8, header.Key);
                _writer.WriteString("value"u8, Text(header.GetValueBytes()));
                _writer.WriteEndObject();
            }
        }

        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.Flush();
    }

    private void WriteTemplate(ConsumeResult<byte[], byte[]> result)
    {
        var template = _template!;
        var text = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '%' || i + 1 >= template.Length)
            {
                text.Append(c);
                continue;
            }

            switch (template[++i])
            {
                case 't':
                    text.Append(result.Topic);
                    break;
                case 'p':
                    text.Append(CommonOptions.Format(result.Partition.Value));
                    break;
                case 'o':
                    text.Append(CommonOptions.Format(result.Offset.Value));
                    break;
                case 'T':
                    text.Append(CommonOptions.Format(result.Message.Timestamp.UnixTimestampMs));
                    break;
                case 'k':
                    text.Append(Text(result.Message.Key));
                    break;
                case 'v':
                    text.Append(Text(result.Message.Value));
                    break;
                case 'h':
                    if (result.Message.Headers is { } headers)
                    {
                        var first = true;
                        foreach (var header in headers)
                        {
                            text.Append(first ? string.Empty : ",").Append(header.Key).Append('=').Append(Text(header.GetValueBytes()));
                            first = false;
                        }
                    }

                    break;
                case '%':
                    text.Append('%');
                    break;
                default:
                    text.Append('%').Append(template[i]);
                    break;
            }
        }

        var chars = text.ToString();
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(chars, span));
    }
}
