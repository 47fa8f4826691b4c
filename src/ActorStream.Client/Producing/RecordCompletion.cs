namespace ActorStream.Client.Producing;

/// <summary>
/// What the producer must do when a queued record completes: the user's callback (a task
/// completion source or a delivery handler), the message, and the timestamp written. A struct kept
/// in the batch's pooled array, so queuing a record allocates nothing.
/// </summary>
/// <param name="Callback">A TaskCompletionSource of the delivery result, a delivery handler, or null.</param>
/// <param name="Message">The user's message.</param>
/// <param name="Timestamp">The record's timestamp as written (ms since the epoch).</param>
internal readonly record struct RecordCompletion(object? Callback, object Message, long Timestamp);
