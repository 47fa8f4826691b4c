using System.Buffers;

namespace ActorStream.Kafka.Protocol.Tests.Support;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s for tests.</summary>
public static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] data, int segmentSize)
    {
        Segment? first = null;
        Segment? last = null;
        for (int i = 0; i < data.Length; i += segmentSize)
        {
            var memory = data.AsMemory(i, Math.Min(segmentSize, data.Length - i));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
