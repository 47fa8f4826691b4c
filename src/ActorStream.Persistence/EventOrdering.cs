namespace ActorStream.Persistence;

/// <summary>
/// The broker ordering key of one journal event (one record batch): the inclusive offset range it
/// covers and the largest record timestamp inside it (Unix milliseconds). Journals index it so that
/// "which event holds offset X" and "first event at or after time T" are lookups, not scans.
/// Immutable value type.
/// </summary>
/// <param name="FirstOffset">First offset covered by the event (inclusive).</param>
/// <param name="LastOffset">Last offset covered by the event (inclusive); never below <paramref name="FirstOffset"/>.</param>
/// <param name="MaxTimestamp">Largest record timestamp in the event, Unix epoch milliseconds.</param>
public readonly record struct EventOrdering(long FirstOffset, long LastOffset, long MaxTimestamp)
{
    /// <summary>True when <paramref name="offset"/> lies in [<see cref="FirstOffset"/>, <see cref="LastOffset"/>].</summary>
    public bool Contains(long offset) => offset >= FirstOffset && offset <= LastOffset;
}
