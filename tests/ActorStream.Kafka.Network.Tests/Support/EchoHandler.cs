using System.Buffers;

namespace ActorStream.Kafka.Network.Tests.Support;

/// <summary>
/// Answers every request with its own frame bytes (header and body), except for a few api keys that exercise
/// the other outcomes. Thread-safe.
/// </summary>
internal sealed class EchoHandler : IKafkaRequestHandler
{
    public const short NoResponseKey = 900;
    public const short ThrowKey = 901;
    public const short CloseKey = 902;
    public const short FaultAsyncKey = 903;
    public const short EchoThenCloseKey = 904;

    private int _handled;

    /// <summary>When false, every request is echoed, whatever its api key (for random frames).</summary>
    public bool HonourSpecialKeys { get; init; } = true;

    public int Handled => Volatile.Read(ref _handled);

    public ValueTask<KafkaResponse> HandleAsync(KafkaRequestFrame request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _handled);
        if (HonourSpecialKeys)
        {
            switch (request.ApiKey)
            {
                case NoResponseKey:
                    return new ValueTask<KafkaResponse>(KafkaResponse.NoResponse);
                case ThrowKey:
                    throw new InvalidOperationException("handler bug");
                case CloseKey:
                    return new ValueTask<KafkaResponse>(KafkaResponse.CloseConnection);
                case FaultAsyncKey:
                    return FaultAsync();
                case EchoThenCloseKey:
                    return new ValueTask<KafkaResponse>(Echo(request).ThenClose());
            }
        }

        return new ValueTask<KafkaResponse>(Echo(request));
    }

    public static KafkaResponse Echo(in KafkaRequestFrame request)
    {
        var payload = ArrayPool<byte>.Shared.Rent(request.Length);
        request.Span.CopyTo(payload);
        return KafkaResponse.FromRentedArray(payload, request.Length);
    }

    private static async ValueTask<KafkaResponse> FaultAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("asynchronous handler bug");
    }
}
