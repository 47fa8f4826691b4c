namespace ActorStream.Event;

/// <summary>Messages of this kind are never logged as dead letters (they are still published).</summary>
public interface IDeadLetterSuppression
{
}
