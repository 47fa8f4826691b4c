namespace ActorStream.Client;

/// <summary>An operation of the client failed; <see cref="Error"/> says why.</summary>
public class KafkaException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    /// <param name="error">The error.</param>
    public KafkaException(KafkaError error)
        : base(error.ToString()) => Error = error;

    /// <summary>Creates the exception for <paramref name="error"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="error">The error.</param>
    /// <param name="innerException">The cause.</param>
    public KafkaException(KafkaError error, Exception? innerException)
        : base(error.ToString(), innerException) => Error = error;

    /// <summary>The error.</summary>
    public KafkaError Error { get; }
}
