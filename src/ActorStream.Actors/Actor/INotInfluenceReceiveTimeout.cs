namespace ActorStream.Actor;

/// <summary>Messages of this kind do not reset the receive timeout.</summary>
public interface INotInfluenceReceiveTimeout
{
}
