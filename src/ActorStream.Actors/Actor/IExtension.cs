namespace ActorStream.Actor;

/// <summary>Marks a per-system extension (one instance per actor system).</summary>
public interface IExtension
{
}
