using ActorStream.Actor;
using Xunit.Sdk;

namespace ActorStream.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Expects a message of type <typeparamref name="T"/>; another type fails (it is not skipped).</summary>
    public T ExpectMsg<T>(TimeSpan? duration = null, string? hint = null)
        => Check<T>(TakeOrFail(duration, typeof(T).Name, hint), null, hint);

    /// <summary>Expects a message equal to <paramref name="message"/>.</summary>
    public T ExpectMsg<T>(T message, TimeSpan? duration = null, string? hint = null)
        => Check<T>(TakeOrFail(duration, $"{typeof(T).Name} equal to {message}", hint), m => Equals(m, message) ? null : $"expected {message} but got {m}", hint);

    /// <summary>Expects a <typeparamref name="T"/> for which <paramref name="isMessage"/> holds.</summary>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? duration = null, string? hint = null)
        => Check<T>(TakeOrFail(duration, typeof(T).Name, hint), m => isMessage(m) ? null : $"the predicate did not match {m}", hint);

    /// <summary>Expects a <typeparamref name="T"/> and runs <paramref name="assert"/> on it.</summary>
    public T ExpectMsg<T>(Action<T> assert, TimeSpan? duration = null, string? hint = null)
        => Check<T>(TakeOrFail(duration, typeof(T).Name, hint), m =>
        {
            assert(m);
            return null;
        }, hint);

    /// <summary>Expects a <typeparamref name="T"/> sent by <paramref name="sender"/>.</summary>
    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? duration = null, string? hint = null)
    {
        var envelope = TakeOrFail(duration, $"{typeof(T).Name} from {sender}", hint);
        var result = Check<T>(envelope, null, hint);
        if (!Equals(envelope.Sender, sender))
        {
            throw new XunitException($"Expected a message from {sender} but it came from {envelope.Sender?.ToString() ?? "NoSender"}");
        }

        return result;
    }

    /// <summary>Expects all of <paramref name="messages"/>, in any order, and nothing else in between.</summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] messages)
    {
        var received = new List<T>(messages.Length);
        for (var i = 0; i < messages.Length; i++)
        {
            received.Add(ExpectMsg<T>());
        }

        AssertSameElements(messages, received);
        return received;
    }

    /// <summary>Expects no message for the (dilated) duration.</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var wait = duration is null ? Dilated(TestKitSettings.ExpectNoMessageDefault) : RemainingOrDilated(duration);
        if (_queue.TryTake(wait, out var envelope))
        {
            Record(envelope);
            throw new XunitException($"Expected no message during {wait} but received {envelope.Message} from {envelope.Sender}");
        }
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (call <c>Watch</c> first).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? duration = null, string? hint = null)
        => ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), duration, hint ?? $"Terminated of {target}");

    public async Task<T> ExpectMsgAsync<T>(TimeSpan? duration = null, string? hint = null, CancellationToken cancellationToken = default)
        => Check<T>(await TakeOrFailAsync(duration, typeof(T).Name, hint, cancellationToken).ConfigureAwait(false), null, hint);

    public async Task<T> ExpectMsgAsync<T>(T message, TimeSpan? duration = null, string? hint = null, CancellationToken cancellationToken = default)
        => Check<T>(await TakeOrFailAsync(duration, $"{typeof(T).Name} equal to {message}", hint, cancellationToken).ConfigureAwait(false), m => Equals(m, message) ? null : $"expected {message} but got {m}", hint);

    public async Task<T> ExpectMsgAsync<T>(Predicate<T> isMessage, TimeSpan? duration = null, string? hint = null, CancellationToken cancellationToken = default)
        => Check<T>(await TakeOrFailAsync(duration, typeof(T).Name, hint, cancellationToken).ConfigureAwait(false), m => isMessage(m) ? null : $"the predicate did not match {m}", hint);

    public async Task<T> ExpectMsgAsync<T>(Action<T> assert, TimeSpan? duration = null, string? hint = null, CancellationToken cancellationToken = default)
        => Check<T>(await TakeOrFailAsync(duration, typeof(T).Name, hint, cancellationToken).ConfigureAwait(false), m =>
        {
            assert(m);
            return null;
        }, hint);

    public async Task<IReadOnlyList<T>> ExpectMsgAllOfAsync<T>(IReadOnlyList<T> messages, CancellationToken cancellationToken = default)
    {
        var received = new List<T>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            received.Add(await ExpectMsgAsync<T>(cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        AssertSameElements(messages, received);
        return received;
    }

    public async Task ExpectNoMsgAsync(TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        var wait = duration is null ? Dilated(TestKitSettings.ExpectNoMessageDefault) : RemainingOrDilated(duration);
        var (ok, envelope) = await _queue.TryTakeAsync(wait, cancellationToken).ConfigureAwait(false);
        if (ok)
        {
            Record(envelope);
            throw new XunitException($"Expected no message during {wait} but received {envelope.Message} from {envelope.Sender}");
        }
    }

    public Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? duration = null, string? hint = null, CancellationToken cancellationToken = default)
        => ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(target), duration, hint ?? $"Terminated of {target}", cancellationToken);

    private Envelope TakeOrFail(TimeSpan? duration, string what, string? hint)
    {
        var wait = RemainingOrDilated(duration);
        if (!_queue.TryTake(wait, out var envelope))
        {
            throw new XunitException($"Timeout ({wait}) during ExpectMsg while waiting for {what}{Hint(hint)}");
        }

        Record(envelope);
        return envelope;
    }

    private async Task<Envelope> TakeOrFailAsync(TimeSpan? duration, string what, string? hint, CancellationToken cancellationToken)
    {
        var wait = RemainingOrDilated(duration);
        var (ok, envelope) = await _queue.TryTakeAsync(wait, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            throw new XunitException($"Timeout ({wait}) during ExpectMsg while waiting for {what}{Hint(hint)}");
        }

        Record(envelope);
        return envelope;
    }

    private static T Check<T>(Envelope envelope, Func<T, string?>? verify, string? hint)
    {
        if (envelope.Message is not T typed)
        {
            throw new XunitException($"Expected a message of type {typeof(T).Name}{Hint(hint)} but received {envelope.Message} ({envelope.Message.GetType().Name}) from {envelope.Sender}");
        }

        var problem = verify?.Invoke(typed);
        if (problem is not null)
        {
            throw new XunitException($"Unexpected message{Hint(hint)}: {problem}");
        }

        return typed;
    }

    private static void AssertSameElements<T>(IReadOnlyList<T> expected, List<T> received)
    {
        var missing = new List<T>(expected);
        var unexpected = new List<T>();
        foreach (var item in received)
        {
            var index = missing.FindIndex(m => Equals(m, item));
            if (index >= 0)
            {
                missing.RemoveAt(index);
            }
            else
            {
                unexpected.Add(item);
            }
        }

        if (missing.Count > 0 || unexpected.Count > 0)
        {
            throw new XunitException($"ExpectMsgAllOf: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        }
    }

    private static string Hint(string? hint) => string.IsNullOrEmpty(hint) ? string.Empty : $" ({hint})";
}
