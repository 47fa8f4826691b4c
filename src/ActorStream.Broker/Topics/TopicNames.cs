using System.Diagnostics.CodeAnalysis;

namespace ActorStream.Broker.Topics;

/// <summary>Kafka's topic-name rules (org.apache.kafka.common.internals.Topic). Thread-safe (stateless).</summary>
public static class TopicNames
{
    /// <summary>The longest legal name.</summary>
    public const int MaxLength = 249;

    /// <summary>
    /// True when <paramref name="name"/> is legal: 1–249 characters from [a-zA-Z0-9._-], and not "." or "..".
    /// Otherwise <paramref name="error"/> says why, in Kafka's words.
    /// </summary>
    public static bool TryValidate(string? name, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(name))
        {
            error = "Topic name is illegal, it can't be empty";
            return false;
        }

        if (name is "." or "..")
        {
            error = "Topic name cannot be \".\" or \"..\"";
            return false;
        }

        if (name.Length > MaxLength)
        {
            error = $"Topic name is illegal, it can't be longer than {MaxLength} characters, topic name: {name}";
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                error = $"Topic name \"{name}\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>True when the name holds '.' or '_', which metric names cannot tell apart.</summary>
    public static bool HasCollisionChars(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Contains('.', StringComparison.Ordinal) || name.Contains('_', StringComparison.Ordinal);
    }

    /// <summary>The name with '.' replaced by '_': two distinct names with the same unified name collide.</summary>
    public static string Unify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace('.', '_');
    }
}
