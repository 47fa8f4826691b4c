using System.Diagnostics.CodeAnalysis;

namespace ActorStream.Kafka.Protocol;

/// <summary>Throw helpers kept out of line so the hot read and write paths stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowTruncated() =>
        throw new KafkaProtocolException("Frame is truncated: a field extends past the end of the data.");

    [DoesNotReturn]
    public static void ThrowMalformed(string message) => throw new KafkaProtocolException(message);

    [DoesNotReturn]
    public static T ThrowMalformed<T>(string message) => throw new KafkaProtocolException(message);

    [DoesNotReturn]
    public static void ThrowUnexpectedNull(string what) =>
        throw new KafkaProtocolException($"Null {what} where the version does not allow null.");

    [DoesNotReturn]
    public static void ThrowUnsupportedVersion(string message, short version) =>
        throw new KafkaProtocolException($"{message} does not implement version {version}.");

    [DoesNotReturn]
    public static void ThrowWriteOverflow(string what, int length) =>
        throw new InvalidOperationException($"{what} of {length} bytes does not fit its Kafka length prefix.");
}
