using Xunit.Sdk;

namespace ActorStream.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; fails after <paramref name="max"/> (dilated,
    /// default: the remaining Within time or default-timeout) naming <paramref name="message"/>.
    /// </summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        var total = AwaitMax(max);
        var deadline = Now + total;
        var poll = interval ?? PollInterval(total);
        while (!condition())
        {
            var left = deadline - Now;
            if (left <= TimeSpan.Zero)
            {
                throw new XunitException($"Timeout ({total}) while waiting for condition{Hint(message)}");
            }

            Pause(poll < left ? poll : left);
        }
    }

    public async Task AwaitConditionAsync(Func<Task<bool>> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null, CancellationToken cancellationToken = default)
    {
        var total = AwaitMax(max);
        var deadline = Now + total;
        var poll = interval ?? PollInterval(total);
        while (!await condition().ConfigureAwait(false))
        {
            var left = deadline - Now;
            if (left <= TimeSpan.Zero)
            {
                throw new XunitException($"Timeout ({total}) while waiting for condition{Hint(message)}");
            }

            await Task.Delay(poll < left ? poll : left, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task AwaitConditionAsync(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null, CancellationToken cancellationToken = default)
        => AwaitConditionAsync(() => Task.FromResult(condition()), max, interval, message, cancellationToken);

    /// <summary>Retries <paramref name="assertion"/> until it passes; after the deadline its last failure is rethrown.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var total = AwaitMax(duration);
        var deadline = Now + total;
        var poll = interval ?? TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Now < deadline)
            {
                var left = deadline - Now;
                Pause(poll < left ? poll : left);
            }
        }
    }

    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        var total = AwaitMax(duration);
        var deadline = Now + total;
        var poll = interval ?? TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (Now < deadline)
            {
                var left = deadline - Now;
                await Task.Delay(poll < left ? poll : left, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task AwaitAssertAsync(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null, CancellationToken cancellationToken = default)
        => AwaitAssertAsync(() =>
        {
            assertion();
            return Task.CompletedTask;
        }, duration, interval, cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> with a deadline of <paramref name="max"/> (dilated): expectations inside
    /// are capped by the time left, and the block fails if it took less than <paramref name="min"/> or more than max.
    /// </summary>
    public void Within(TimeSpan min, TimeSpan max, Action action) => Within(min, max, () =>
    {
        action();
        return true;
    });

    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    public T Within<T>(TimeSpan max, Func<T> function) => Within(TimeSpan.Zero, max, function);

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        var (start, previous) = EnterWithin(max);
        try
        {
            var result = function();
            CheckWithin(start, min, max);
            return result;
        }
        finally
        {
            _end = previous;
        }
    }

    public Task WithinAsync(TimeSpan max, Func<Task> action) => WithinAsync(TimeSpan.Zero, max, action);

    public async Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> action)
    {
        var (start, previous) = EnterWithin(max);
        try
        {
            await action().ConfigureAwait(false);
            CheckWithin(start, min, max);
        }
        finally
        {
            _end = previous;
        }
    }

    private (TimeSpan Start, long? Previous) EnterWithin(TimeSpan max)
    {
        var start = Now;
        var previous = _end;
        var dilated = Dilated(max);
        var end = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(dilated.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        _end = previous is { } p && p < end ? p : end;
        return (start, previous);
    }

    private void CheckWithin(TimeSpan start, TimeSpan min, TimeSpan max)
    {
        var elapsed = Now - start;
        if (elapsed < min)
        {
            throw new XunitException($"Within: the block took {elapsed}, less than the minimum {min}");
        }

        var dilatedMax = Dilated(max);
        if (elapsed > dilatedMax)
        {
            throw new XunitException($"Within: the block took {elapsed}, exceeding {dilatedMax}");
        }
    }

    private TimeSpan AwaitMax(TimeSpan? max)
        => max is null ? (_end is null ? Dilated(TestKitSettings.DefaultTimeout) : Remaining) : RemainingOrDilated(max);

    private static TimeSpan PollInterval(TimeSpan total)
    {
        var tenth = total / 10;
        return tenth < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : tenth > TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : tenth;
    }
}
