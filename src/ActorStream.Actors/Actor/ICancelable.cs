namespace ActorStream.Actor;

/// <summary>A handle to cancel scheduled work.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }

    CancellationToken Token { get; }

    void Cancel();

    void Cancel(bool throwOnFirstException);

    void CancelAfter(TimeSpan delay);
}
