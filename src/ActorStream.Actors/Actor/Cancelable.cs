namespace ActorStream.Actor;

/// <summary>
/// A cancellation handle. The token is created only when asked for, so cancelling scheduled
/// messages stays a flag write on the hot path.
/// </summary>
public sealed class Cancelable : ICancelable, IDisposable
{
    private readonly IScheduler? _scheduler;
    private CancellationTokenSource? _source;
    private int _cancelled;

    public Cancelable()
    {
    }

    /// <summary>A handle whose <see cref="CancelAfter"/> runs on <paramref name="scheduler"/>.</summary>
    public Cancelable(IScheduler scheduler) => _scheduler = scheduler;

    public Cancelable(IScheduler scheduler, TimeSpan delay)
        : this(scheduler) => CancelAfter(delay);

    public static ICancelable CreateCanceled()
    {
        var c = new Cancelable();
        c.Cancel();
        return c;
    }

    public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

    public CancellationToken Token
    {
        get
        {
            if (_source is null)
            {
                var source = new CancellationTokenSource();
                if (Interlocked.CompareExchange(ref _source, source, null) is not null)
                {
                    source.Dispose();
                }
                else if (IsCancellationRequested)
                {
                    source.Cancel();
                }
            }

            return _source!.Token;
        }
    }

    public void Cancel() => Cancel(false);

    public void Cancel(bool throwOnFirstException)
    {
        if (Interlocked.Exchange(ref _cancelled, 1) == 0)
        {
            Volatile.Read(ref _source)?.Cancel(throwOnFirstException);
        }
    }

    public void CancelAfter(TimeSpan delay)
    {
        if (_scheduler is not null)
        {
            _scheduler.ScheduleOnce(delay, Cancel);
            return;
        }

        var token = Token;
        token.UnsafeRegister(static s => ((Cancelable)s!).Cancel(), this);
        _source!.CancelAfter(delay);
    }

    public void Dispose() => _source?.Dispose();
}
