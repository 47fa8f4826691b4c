namespace ActorStream.ClientCompat.Tests;

/// <summary>A fact skipped, with the reason, when kafka-python cannot load the codec's library here.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KafkaPythonCodecFactAttribute : FactAttribute
{
    public KafkaPythonCodecFactAttribute(string codec)
    {
        Codec = codec;
        if (ClientEnvironment.KafkaPythonCodecSkipReason(codec) is { } reason)
        {
            Skip = reason;
        }
    }

    public string Codec { get; }
}
