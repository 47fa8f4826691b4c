using ActorStream.Actor;
using Xunit.Sdk;

namespace ActorStream.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Receives one message within the wait, or returns null.</summary>
    public object? ReceiveOne(TimeSpan? max = null)
    {
        if (_queue.TryTake(RemainingOrDilated(max), out var envelope))
        {
            Record(envelope);
            return envelope.Message;
        }

        return null;
    }

    public async Task<object?> ReceiveOneAsync(TimeSpan? max = null, CancellationToken cancellationToken = default)
    {
        var (ok, envelope) = await _queue.TryTakeAsync(RemainingOrDilated(max), cancellationToken).ConfigureAwait(false);
        if (ok)
        {
            Record(envelope);
            return envelope.Message;
        }

        return null;
    }

    /// <summary>Receives exactly <paramref name="count"/> messages within the (total) wait.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        var deadline = Now + RemainingOrDilated(max);
        var result = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            var left = deadline - Now;
            if (!_queue.TryTake(left, out var envelope))
            {
                throw new XunitException($"Timeout ({RemainingOrDilated(max)}) while waiting for {count} messages (got {i})");
            }

            Record(envelope);
            result.Add(envelope.Message);
        }

        return result;
    }

    public async Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? max = null, CancellationToken cancellationToken = default)
    {
        var total = RemainingOrDilated(max);
        var deadline = Now + total;
        var result = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            var (ok, envelope) = await _queue.TryTakeAsync(deadline - Now, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                throw new XunitException($"Timeout ({total}) while waiting for {count} messages (got {i})");
            }

            Record(envelope);
            result.Add(envelope.Message);
        }

        return result;
    }

    /// <summary>Receives until a <typeparamref name="T"/> matching <paramref name="isMessage"/> arrives; others are discarded.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null, string hint = "")
    {
        var total = RemainingOrDilated(max);
        var deadline = Now + total;
        while (true)
        {
            if (!_queue.TryTake(deadline - Now, out var envelope))
            {
                throw new XunitException($"Timeout ({total}) during FishForMessage for {typeof(T).Name} {hint}".TrimEnd());
            }

            Record(envelope);
            if (envelope.Message is T typed && isMessage(typed))
            {
                return typed;
            }
        }
    }

    public async Task<T> FishForMessageAsync<T>(Predicate<T> isMessage, TimeSpan? max = null, string hint = "", CancellationToken cancellationToken = default)
    {
        var total = RemainingOrDilated(max);
        var deadline = Now + total;
        while (true)
        {
            var (ok, envelope) = await _queue.TryTakeAsync(deadline - Now, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                throw new XunitException($"Timeout ({total}) during FishForMessage for {typeof(T).Name} {hint}".TrimEnd());
            }

            Record(envelope);
            if (envelope.Message is T typed && isMessage(typed))
            {
                return typed;
            }
        }
    }

    private void Record(Envelope envelope)
    {
        LastMessage = envelope.Message;
        LastSender = envelope.Sender ?? Sys.DeadLetters;
    }
}
