namespace ActorStream.Broker.Groups;

/// <summary>
/// Asks the owner of a <see cref="GroupCoordinatorState"/> to send <see cref="GroupProtocol.Tick"/> at
/// <paramref name="DueAtMs"/> (same clock as the times passed to Handle). A request replaces any earlier
/// timer with the same <paramref name="Key"/> (Akka's StartSingleTimer). Timers are hints: a Tick that
/// comes early or late is harmless, because Tick acts on the deadlines the state holds.
/// </summary>
/// <param name="Key">"join", "sync", "session/&lt;member id&gt;" or "pending/&lt;member id&gt;".</param>
/// <param name="DueAtMs">When to tick, in epoch milliseconds.</param>
public readonly record struct TimerRequest(string Key, long DueAtMs);
