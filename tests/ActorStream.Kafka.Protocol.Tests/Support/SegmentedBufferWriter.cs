using System.Buffers;

namespace ActorStream.Kafka.Protocol.Tests.Support;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that hands out the smallest possible spans (like a pipe with
/// tiny segments), so that every growth path of a writer is exercised.
/// </summary>
public sealed class SegmentedBufferWriter : IBufferWriter<byte>
{
    private readonly List<byte> _written = [];
    private byte[] _current = [];

    public byte[] WrittenBytes => [.. _written];

    public void Advance(int count)
    {
        Assert.InRange(count, 0, _current.Length);
        _written.AddRange(_current.AsSpan(0, count));
        _current = [];
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        _current = new byte[Math.Max(sizeHint, 1)];
        return _current;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
