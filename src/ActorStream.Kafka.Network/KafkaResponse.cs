using System.Buffers;

namespace ActorStream.Kafka.Network;

/// <summary>
/// A handler's answer to one request: nothing (<see cref="NoResponse"/>), a payload to write, or
/// <see cref="CloseConnection"/>.
/// </summary>
/// <remarks>
/// <para>
/// The payload is the response header (correlation id, plus tagged fields for flexible versions) followed by
/// the body; the listener writes the 4-byte big-endian size prefix in front of it.
/// </para>
/// <para>
/// Ownership: returning a response hands its payload to the listener, which releases it exactly once, after
/// writing it or when the connection closes first: a <see cref="FromRentedArray"/> array goes back to
/// <see cref="ArrayPool{T}.Shared"/>, a <see cref="FromMemoryOwner"/> or <see cref="FromSequence"/> owner
/// is disposed, and <see cref="FromMemory"/> memory is not released at all (it must stay unchanged until
/// written, e.g. a cached response). The handler must not touch a payload after returning it.
/// </para>
/// </remarks>
public readonly struct KafkaResponse
{
    private readonly object? _owner;
    private readonly ReadOnlySequence<byte> _payload;

    private KafkaResponse(KafkaResponseKind kind, object? owner, ReadOnlyMemory<byte> payload, bool closeAfterSend)
        : this(kind, owner, new ReadOnlySequence<byte>(payload), closeAfterSend)
    {
    }

    private KafkaResponse(KafkaResponseKind kind, object? owner, ReadOnlySequence<byte> payload, bool closeAfterSend)
    {
        Kind = kind;
        _owner = owner;
        _payload = payload;
        CloseAfterSend = closeAfterSend;
    }

    /// <summary>Nothing is written (acks=0 Produce); same as <c>default</c>.</summary>
    public static KafkaResponse NoResponse => default;

    /// <summary>No further response is written on the connection, which is closed after the earlier responses.</summary>
    public static KafkaResponse CloseConnection => new(KafkaResponseKind.CloseConnection, null, ReadOnlySequence<byte>.Empty, closeAfterSend: true);

    /// <summary>What the listener does with this response.</summary>
    public KafkaResponseKind Kind { get; }

    /// <summary>Whether the connection is closed once this response is written.</summary>
    public bool CloseAfterSend { get; }

    /// <summary>
    /// The bytes written after the size prefix; empty unless <see cref="Kind"/> is
    /// <see cref="KafkaResponseKind.Payload"/>. A multi-segment payload (<see cref="FromSequence"/>) is
    /// copied into one array here; the listener writes <see cref="PayloadSequence"/> instead.
    /// </summary>
    public ReadOnlyMemory<byte> Payload => _payload.IsSingleSegment ? _payload.First : _payload.ToArray();

    /// <summary>The bytes written after the size prefix, as the segments they are kept in.</summary>
    public ReadOnlySequence<byte> PayloadSequence => _payload;

    /// <summary>A payload in the first <paramref name="length"/> bytes of an array rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static KafkaResponse FromRentedArray(byte[] array, int length)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, array.Length);
        return new(KafkaResponseKind.Payload, array, new ReadOnlyMemory<byte>(array, 0, length), closeAfterSend: false);
    }

    /// <summary>A payload in the first <paramref name="length"/> bytes of <paramref name="owner"/>'s memory; disposed after writing.</summary>
    public static KafkaResponse FromMemoryOwner(IMemoryOwner<byte> owner, int length)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var memory = owner.Memory;
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, memory.Length);
        return new(KafkaResponseKind.Payload, owner, memory[..length], closeAfterSend: false);
    }

    /// <summary>
    /// A payload in several segments (for example an encoded response whose stored record batches are
    /// referenced rather than copied, so they are copied only once, into the socket's buffer);
    /// <paramref name="owner"/> is disposed after writing and must keep every segment unchanged until then.
    /// </summary>
    public static KafkaResponse FromSequence(ReadOnlySequence<byte> payload, IDisposable owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, int.MaxValue);
        return new(KafkaResponseKind.Payload, owner, payload, closeAfterSend: false);
    }

    /// <summary>A payload the listener does not own or release; it must stay unchanged until written.</summary>
    public static KafkaResponse FromMemory(ReadOnlyMemory<byte> payload) =>
        new(KafkaResponseKind.Payload, null, payload, closeAfterSend: false);

    /// <summary>This response, after which the connection is closed (e.g. a failed authentication).</summary>
    public KafkaResponse ThenClose() => new(Kind == KafkaResponseKind.NoResponse ? KafkaResponseKind.CloseConnection : Kind, _owner, _payload, closeAfterSend: true);

    /// <summary>
    /// Releases the payload to its pool or owner. Called exactly once by whoever took the response
    /// from the handler (the listener, or an in-process transport once it has used the payload).
    /// </summary>
    public void Release()
    {
        switch (_owner)
        {
            case byte[] array:
                ArrayPool<byte>.Shared.Return(array);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
