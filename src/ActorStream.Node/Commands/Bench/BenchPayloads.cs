using ActorStream.Client;

namespace ActorStream.Node.Commands.Bench;

/// <summary>
/// Messages generated before a run and reused for every record, so producing allocates nothing of the
/// benchmark's own: values of random capital letters (compressible about as well as text), null keys.
/// </summary>
internal static class BenchPayloads
{
    /// <summary>How many distinct values a run cycles through (a power of two).</summary>
    public const int Count = 64;

    /// <summary>Creates <see cref="Count"/> messages of <paramref name="size"/>-byte values.</summary>
    /// <param name="size">Bytes per value.</param>
    public static Message<byte[], byte[]>[] Create(int size)
    {
        var random = new Random(42);
        var messages = new Message<byte[], byte[]>[Count];
        for (var i = 0; i < messages.Length; i++)
        {
            var value = new byte[size];
            for (var j = 0; j < value.Length; j++)
            {
                value[j] = (byte)('A' + random.Next(26));
            }

            messages[i] = new Message<byte[], byte[]> { Key = null!, Value = value };
        }

        return messages;
    }
}
