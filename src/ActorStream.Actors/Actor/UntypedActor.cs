namespace ActorStream.Actor;

/// <summary>An actor with one <see cref="OnReceive"/> method; call <c>Unhandled</c> for messages it does not take.</summary>
public abstract class UntypedActor : ActorBase
{
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    protected abstract void OnReceive(object message);

    /// <summary>Switches to <paramref name="receive"/> (a method with OnReceive's shape).</summary>
    protected void Become(UntypedReceive receive) => Become(m =>
    {
        receive(m);
        return true;
    });

    protected void BecomeStacked(UntypedReceive receive) => BecomeStacked(m =>
    {
        receive(m);
        return true;
    });
}
