using System.Text.Json;

namespace ActorStream.ClientCompat.Tests;

/// <summary>One message as <c>kcat -C -J</c> prints it.</summary>
public sealed record KcatMessage(string Topic, int Partition, long Offset, long Timestamp, string? Key, string? Payload, IReadOnlyList<KeyValuePair<string, string?>> Headers)
{
    /// <summary>Every message line of a kcat -J consumer run.</summary>
    public static List<KcatMessage> All(ClientResult result) =>
        result.JsonLines().Where(e => e.TryGetProperty("offset", out _)).Select(Parse).ToList();

    public static KcatMessage Parse(JsonElement e)
    {
        var headers = new List<KeyValuePair<string, string?>>();
        if (e.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Array)
        {
            var items = h.EnumerateArray().ToList();
            for (var i = 0; i + 1 < items.Count; i += 2)
            {
                headers.Add(new(items[i].GetString()!, items[i + 1].GetString()));
            }
        }

        return new KcatMessage(
            e.GetProperty("topic").GetString()!,
            e.GetProperty("partition").GetInt32(),
            e.GetProperty("offset").GetInt64(),
            e.GetProperty("ts").GetInt64(),
            e.GetProperty("key").GetString(),
            e.GetProperty("payload").GetString(),
            headers);
    }
}
