using System.Buffers;
using System.Buffers.Binary;
using ActorStream.Kafka.Network.Tests.Support;

namespace ActorStream.Kafka.Network.Tests;

public sealed class KafkaResponseTests
{
    [Fact]
    public void FromSequence_MultiSegment_PayloadIsTheConcatenation()
    {
        var owner = new CountingOwner();
        var response = KafkaResponse.FromSequence(Sequence([1, 2], [3], [4, 5, 6]), owner);

        Assert.Equal(KafkaResponseKind.Payload, response.Kind);
        Assert.False(response.PayloadSequence.IsSingleSegment);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, response.Payload.ToArray());
        Assert.Equal(0, owner.Disposed);
    }

    [Fact]
    public async Task HandleAsync_MultiSegmentResponse_WrittenInOrderThenOwnerDisposed()
    {
        // A response whose payload lives in several buffers (e.g. stored record batches referenced by a
        // Fetch response): the client receives one frame with the segments back to back.
        var owner = new CountingOwner();
        var large = new byte[200_000];
        new Random(7).NextBytes(large);
        var handler = new DelegateHandler((request, _) =>
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, request.CorrelationId);
            return KafkaResponse.FromSequence(Sequence(header, [9, 8, 7], large, [6]), owner);
        });
        await using var listener = ListenerFixture.Start(handler);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);

        await client.SendAsync(TestFrames.Request(apiKey: 1, apiVersion: 12, correlationId: 77, bodyLength: 3));
        var frame = await client.ReadFrameAsync();

        Assert.NotNull(frame);
        Assert.Equal(4 + 3 + large.Length + 1, frame.Length);
        Assert.Equal(77, BinaryPrimitives.ReadInt32BigEndian(frame));
        Assert.Equal(new byte[] { 9, 8, 7 }, frame[4..7]);
        Assert.True(frame.AsSpan(7, large.Length).SequenceEqual(large));
        Assert.Equal(6, frame[^1]);
        await Eventually.UntilAsync(() => owner.Disposed == 1, () => $"owner disposed {owner.Disposed} times");
    }

    private static ReadOnlySequence<byte> Sequence(params byte[][] pieces)
    {
        var first = new Segment(pieces[0], 0);
        var last = first;
        for (var i = 1; i < pieces.Length; i++)
        {
            last = last.Append(pieces[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    private sealed class CountingOwner : IDisposable
    {
        private int _disposed;

        public int Disposed => Volatile.Read(ref _disposed);

        public void Dispose() => Interlocked.Increment(ref _disposed);
    }
}
