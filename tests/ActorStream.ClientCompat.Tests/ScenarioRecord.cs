using System.Text.Json;

namespace ActorStream.ClientCompat.Tests;

/// <summary>
/// A record as a scenario script reports it: partition, offset and timestamp when known, and key,
/// value and headers as lowercase hex, so that payload bytes compare exactly.
/// </summary>
public sealed record ScenarioRecord(int Partition, long Offset, long Timestamp, string? Key, string? Value, string Headers)
{
    /// <summary>What the record carries, without where it landed: compares produced with consumed.</summary>
    public string Content => $"key={Key ?? "<null>"} value={Value ?? "<null>"} headers={Headers}";

    public static ScenarioRecord From(JsonElement e) => new(
        Int(e, "partition"),
        Long(e, "offset"),
        Long(e, "timestamp"),
        e.TryGetProperty("key", out var k) ? k.GetString() : null,
        e.TryGetProperty("value", out var v) ? v.GetString() : null,
        e.TryGetProperty("headers", out var h) ? h.GetRawText() : "[]");

    /// <summary>The records of every <paramref name="eventName"/> line of <paramref name="result"/>, in order.</summary>
    public static List<ScenarioRecord> All(ClientResult result, string eventName) => result.Events(eventName).Select(From).ToList();

    /// <summary>Hex of a UTF-8 string, as the scripts print keys and values.</summary>
    public static string Hex(string text) => Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(text));

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : -1;

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt64() : -1;
}
