using System.Buffers;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// The output a response is encoded into: encoded bytes go into chunks rented from
/// <see cref="ArrayPool{T}.Shared"/>, while large <c>records</c> fields (stored record batches of a
/// Fetch) are taken by reference (<see cref="IRecordsSink"/>), so they are copied once, into the
/// socket's buffer, instead of once into a concatenation, once into the encoded response and once more
/// into the socket's buffer. <see cref="ToResponse"/> hands the result to the listener, which disposes
/// this writer after sending: the chunks go back to the pool and the <see cref="RecordsSequence"/>
/// leases are released. Not thread-safe.
/// </summary>
internal sealed class ResponsePayloadWriter : IBufferWriter<byte>, IRecordsSink, IDisposable
{
    /// <summary>Chunk size once the first chunk is full (and the largest first chunk).</summary>
    internal const int ChunkSize = 64 * 1024;

    private readonly List<ReadOnlyMemory<byte>> _pieces = [];
    private readonly List<byte[]> _chunks = [];
    private List<RecordsSequence>? _sequences;
    private byte[] _current;
    private int _pieceStart;
    private int _written;
    private bool _referenced;

    /// <param name="firstChunk">Bytes of the first chunk: the whole encoded size when it is small.</param>
    public ResponsePayloadWriter(int firstChunk)
    {
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(firstChunk, 16));
        _chunks.Add(_current);
    }

    /// <summary>Bytes written so far, referenced records included.</summary>
    public long Length { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _current.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Advanced past the span handed out.");
        }

        _written += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return _current.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return _current.AsSpan(_written);
    }

    public void AppendRecords(ReadOnlyMemory<byte> records)
    {
        ClosePiece();
        _referenced = true;
        if (RecordsSequence.TryGetSegments(records, out var sequence))
        {
            foreach (var segment in sequence!.Segments)
            {
                if (!segment.IsEmpty)
                {
                    _pieces.Add(segment);
                }
            }

            (_sequences ??= []).Add(sequence);
        }
        else
        {
            _pieces.Add(records);
        }

        Length += records.Length;
    }

    /// <summary>
    /// The listener's response: one rented array when nothing was referenced and one chunk sufficed
    /// (this writer then owns nothing more), else the pieces in order, owned by this writer.
    /// </summary>
    public KafkaResponse ToResponse()
    {
        if (!_referenced && _chunks.Count == 1)
        {
            var array = _current;
            _chunks.Clear();
            return KafkaResponse.FromRentedArray(array, _written);
        }

        ClosePiece();
        return KafkaResponse.FromSequence(PayloadSegment.Chain(_pieces), this);
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _chunks.Clear();
        if (_sequences is not null)
        {
            foreach (var sequence in _sequences)
            {
                ((IDisposable)sequence).Dispose();
            }

            _sequences = null;
        }
    }

    private void EnsureRoom(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_current.Length - _written >= sizeHint)
        {
            return;
        }

        ClosePiece();
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, ChunkSize));
        _chunks.Add(_current);
        _written = 0;
        _pieceStart = 0;
    }

    /// <summary>Ends the current run of encoded bytes (before a reference, a new chunk or the end).</summary>
    private void ClosePiece()
    {
        if (_written > _pieceStart)
        {
            _pieces.Add(_current.AsMemory(_pieceStart, _written - _pieceStart));
            _pieceStart = _written;
        }
    }

    /// <summary>A segment of the payload sequence.</summary>
    private sealed class PayloadSegment : ReadOnlySequenceSegment<byte>
    {
        private PayloadSegment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Chain(List<ReadOnlyMemory<byte>> pieces)
        {
            if (pieces.Count == 0)
            {
                return ReadOnlySequence<byte>.Empty;
            }

            var first = new PayloadSegment(pieces[0], 0);
            var last = first;
            for (var i = 1; i < pieces.Count; i++)
            {
                var next = new PayloadSegment(pieces[i], last.RunningIndex + last.Memory.Length);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
