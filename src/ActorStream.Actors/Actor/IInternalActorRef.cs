using ActorStream.Dispatch;

namespace ActorStream.Actor;

/// <summary>The runtime's view of a reference: system messages, parent, liveness.</summary>
internal interface IInternalActorRef : IActorRef
{
    IInternalActorRef Parent { get; }

    bool IsTerminated { get; }

    void SendSystemMessage(SystemMessage message);

    void Stop();

    /// <summary>Resolves a descendant by relative names; null when absent.</summary>
    IInternalActorRef? GetChild(string name);
}
