using ActorStream.Kafka.Protocol;

namespace ActorStream.Client;

/// <summary>
/// An error: a Kafka error code returned by a broker, or a client-side (local) error with the
/// nearest Kafka code. Immutable and thread-safe.
/// </summary>
public sealed class KafkaError
{
    /// <summary>The absence of an error.</summary>
    public static KafkaError NoError { get; } = new(ErrorCode.None);

    /// <summary>Creates an error from a broker's code, with an optional message from the broker.</summary>
    /// <param name="code">The Kafka error code.</param>
    /// <param name="reason">Human-readable detail; defaults to the Kafka name of <paramref name="code"/>.</param>
    public KafkaError(ErrorCode code, string? reason = null)
    {
        Code = code;
        Reason = string.IsNullOrEmpty(reason) ? DefaultReason(code) : reason;
    }

    /// <summary>Creates a local (client-side) error.</summary>
    /// <param name="localCode">What went wrong in the client.</param>
    /// <param name="code">The nearest Kafka error code.</param>
    /// <param name="reason">Human-readable detail.</param>
    public KafkaError(LocalErrorCode localCode, ErrorCode code, string reason)
    {
        LocalCode = localCode;
        Code = code;
        Reason = reason;
    }

    /// <summary>The Kafka error code (for local errors, the nearest one).</summary>
    public ErrorCode Code { get; }

    /// <summary>The client-side error, or <see cref="LocalErrorCode.None"/> when a broker returned <see cref="Code"/>.</summary>
    public LocalErrorCode LocalCode { get; }

    /// <summary>Human-readable detail.</summary>
    public string Reason { get; }

    /// <summary>True unless this is <see cref="ErrorCode.None"/> without a local error.</summary>
    public bool IsError => Code != ErrorCode.None || LocalCode != LocalErrorCode.None;

    /// <summary>True for client-side errors.</summary>
    public bool IsLocalError => LocalCode != LocalErrorCode.None;

    /// <summary>True for errors a broker returned.</summary>
    public bool IsBrokerError => LocalCode == LocalErrorCode.None && Code != ErrorCode.None;

    /// <summary>True if retrying the operation may succeed (Kafka's retriable codes, transport errors and timeouts).</summary>
    public bool IsRetriable => LocalCode switch
    {
        LocalErrorCode.Transport or LocalErrorCode.TimedOut => true,
        LocalErrorCode.None => Code.IsRetriable(),
        _ => false,
    };

    /// <summary>True if the client cannot continue (the idempotent producer's sequence state is lost).</summary>
    public bool IsFatal => LocalCode == LocalErrorCode.Fatal;

    /// <summary>The error as "NAME: reason" (or "Local_X: reason").</summary>
    public override string ToString() =>
        LocalCode == LocalErrorCode.None
            ? $"{Code.GetKafkaName() ?? ((short)Code).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Reason}"
            : $"Local_{LocalCode} ({Code.GetKafkaName()}): {Reason}";

    /// <summary>Converts a broker's error code field (int16 on the wire).</summary>
    internal static KafkaError FromBroker(short code, string? message = null) =>
        code == 0 && message is null ? NoError : new KafkaError((ErrorCode)code, message);

    private static string DefaultReason(ErrorCode code) => code switch
    {
        ErrorCode.None => "Success",
        _ => code.GetKafkaName() ?? "Unknown error " + ((short)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
