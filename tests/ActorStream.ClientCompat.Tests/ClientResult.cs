using System.Text.Json;

namespace ActorStream.ClientCompat.Tests;

/// <summary>What a client process printed and how it ended.</summary>
public sealed record ClientResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout split into lines without the trailing empty one.</summary>
    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every stdout line that is a JSON object, in order.</summary>
    public IReadOnlyList<JsonElement> JsonLines()
    {
        var list = new List<JsonElement>();
        foreach (var line in Lines)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('{'))
            {
                using var document = JsonDocument.Parse(trimmed);
                list.Add(document.RootElement.Clone());
            }
        }

        return list;
    }

    /// <summary>The JSON lines whose "event" is <paramref name="name"/>.</summary>
    public IReadOnlyList<JsonElement> Events(string name) =>
        JsonLines().Where(e => e.TryGetProperty("event", out var v) && v.GetString() == name).ToList();

    /// <summary>The one JSON line whose "event" is <paramref name="name"/>; fails with the output otherwise.</summary>
    public JsonElement Single(string name)
    {
        var found = Events(name);
        if (found.Count != 1)
        {
            throw new Xunit.Sdk.XunitException($"Expected one '{name}' event, found {found.Count}.\n{Describe()}");
        }

        return found[0];
    }

    /// <summary>The command with its output, for failure messages.</summary>
    public string Describe() =>
        $"$ {Command}\nexit code {ExitCode}\n--- stdout ---\n{Truncate(Stdout)}\n--- stderr ---\n{Truncate(Stderr)}";

    private static string Truncate(string text) => text.Length <= 8000 ? text : text[..4000] + "\n…\n" + text[^4000..];
}
