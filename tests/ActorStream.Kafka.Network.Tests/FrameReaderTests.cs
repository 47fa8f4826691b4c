using System.Buffers;
using ActorStream.Kafka.Network.Tests.Support;

namespace ActorStream.Kafka.Network.Tests;

public sealed class FrameReaderTests
{
    [Fact]
    public void TryReadFrame_TwoFramesInOneSegment_ReadsBothAndAdvances()
    {
        var first = TestFrames.Request(1, 2, 3, bodyLength: 4);
        var second = TestFrames.Request(5, 6, 7);
        var buffer = new ReadOnlySequence<byte>(TestFrames.Concat(first, second));

        Assert.Equal(FrameStatus.Complete, FrameReader.TryReadFrame(ref buffer, 1000, out var frame1, out var size1));
        Assert.Equal(FrameStatus.Complete, FrameReader.TryReadFrame(ref buffer, 1000, out var frame2, out _));

        Assert.Equal(12, size1);
        Assert.Equal(first.AsSpan(4).ToArray(), frame1.ToArray());
        Assert.Equal(second.AsSpan(4).ToArray(), frame2.ToArray());
        Assert.True(buffer.IsEmpty);
        Assert.Equal(FrameStatus.NeedMoreData, FrameReader.TryReadFrame(ref buffer, 1000, out _, out var size3));
        Assert.Equal(-1, size3);
    }

    [Fact]
    public void TryReadFrame_PrefixAndBodySplitAcrossSegments_ReadsTheFrame()
    {
        var bytes = TestFrames.Request(1, 2, 3, bodyLength: 20);
        for (var split1 = 1; split1 < bytes.Length - 1; split1++)
        {
            var buffer = Segments(bytes[..split1], bytes[split1..(split1 + 1)], bytes[(split1 + 1)..]);

            Assert.Equal(FrameStatus.Complete, FrameReader.TryReadFrame(ref buffer, 1000, out var frame, out _));
            Assert.Equal(bytes.AsSpan(4).ToArray(), frame.ToArray());
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void TryReadFrame_IncompleteBody_NeedsMoreDataAndLeavesBufferUnchanged()
    {
        var bytes = TestFrames.Request(1, 2, 3, bodyLength: 20)[..30];
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.Equal(FrameStatus.NeedMoreData, FrameReader.TryReadFrame(ref buffer, 1000, out _, out var size));

        Assert.Equal(28, size);
        Assert.Equal(30, buffer.Length);
    }

    [Theory]
    [InlineData(-1, (int)FrameStatus.SizeInvalid)]
    [InlineData(int.MinValue, (int)FrameStatus.SizeInvalid)]
    [InlineData(int.MaxValue, (int)FrameStatus.SizeInvalid)]
    [InlineData(1001, (int)FrameStatus.SizeInvalid)]
    [InlineData(0, (int)FrameStatus.TooShort)]
    [InlineData(7, (int)FrameStatus.TooShort)]
    [InlineData(8, (int)FrameStatus.NeedMoreData)]
    [InlineData(1000, (int)FrameStatus.NeedMoreData)]
    public void TryReadFrame_SizePrefixOnly_IsJudgedBeforeTheBodyArrives(int size, int expected)
    {
        var buffer = new ReadOnlySequence<byte>(TestFrames.Prefix(size));

        Assert.Equal((FrameStatus)expected, FrameReader.TryReadFrame(ref buffer, 1000, out _, out var declared));

        Assert.Equal(size, declared);
    }

    private static ReadOnlySequence<byte> Segments(params byte[][] parts)
    {
        var first = new Segment(parts[0], 0);
        var last = first;
        for (var i = 1; i < parts.Length; i++)
        {
            last = last.Append(parts[i]);
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
}
