namespace ActorStream.Actor;

/// <summary>Marks messages the runtime handles itself before the actor's behavior sees them.</summary>
public interface IAutoReceivedMessage
{
}
