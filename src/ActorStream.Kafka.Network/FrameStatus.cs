namespace ActorStream.Kafka.Network;

/// <summary>Outcome of <see cref="FrameReader.TryReadFrame"/>.</summary>
internal enum FrameStatus
{
    /// <summary>A whole frame was read.</summary>
    Complete,

    /// <summary>The size prefix or the body is not all there yet.</summary>
    NeedMoreData,

    /// <summary>The size prefix is negative or above the maximum: close the connection.</summary>
    SizeInvalid,

    /// <summary>The size prefix is below <see cref="KafkaRequestFrame.MinimumLength"/>: close the connection.</summary>
    TooShort,
}
