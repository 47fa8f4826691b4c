using ActorStream.TestKit.Internal;
using Xunit.Sdk;

namespace ActorStream.TestKit;

/// <summary>Activates a filter around a block and checks how many events it matched.</summary>
public sealed class EventFilterApplier
{
    private readonly TestKitBase _kit;
    private readonly EventFilterBase _filter;

    internal EventFilterApplier(TestKitBase kit, EventFilterBase filter)
    {
        _kit = kit;
        _filter = filter;
    }

    /// <summary>Runs <paramref name="action"/> and expects exactly one matching event (within filter-leeway).</summary>
    public void ExpectOne(Action action) => Expect(1, action);

    public Task ExpectOneAsync(Func<Task> action) => ExpectAsync(1, action);

    /// <summary>Runs <paramref name="action"/> and expects exactly <paramref name="expected"/> matching events.</summary>
    public void Expect(int expected, Action action)
    {
        var hub = TestEventHub.For(_kit.Sys);
        hub.Add(_filter);
        try
        {
            action();
            // On timeout fall through: Verify reports the count reached when the leeway ran out.
            _ = TryAwait(() => _kit.AwaitCondition(() => _filter.MatchedCount >= expected, _kit.TestKitSettings.FilterLeeway));
            Verify(expected);
        }
        finally
        {
            hub.Remove(_filter);
        }
    }

    public async Task ExpectAsync(int expected, Func<Task> action)
    {
        var hub = TestEventHub.For(_kit.Sys);
        hub.Add(_filter);
        try
        {
            await action().ConfigureAwait(false);
            try
            {
                await _kit.AwaitConditionAsync(() => _filter.MatchedCount >= expected, _kit.TestKitSettings.FilterLeeway).ConfigureAwait(false);
            }
            catch (XunitException)
            {
                // Fall through: Verify reports the count reached when the leeway ran out.
            }

            Verify(expected);
        }
        finally
        {
            hub.Remove(_filter);
        }
    }

    /// <summary>Swallows matching events until the returned handle is disposed.</summary>
    public IDisposable Mute()
    {
        var hub = TestEventHub.For(_kit.Sys);
        hub.Add(_filter);
        return new Unmute(hub, _filter);
    }

    private static bool TryAwait(Action wait)
    {
        try
        {
            wait();
            return true;
        }
        catch (XunitException)
        {
            return false;
        }
    }

    private void Verify(int expected)
    {
        if (_filter.MatchedCount != expected)
        {
            throw new XunitException(Describe(expected));
        }
    }

    private string Describe(int expected) => $"expected {expected} matching event(s), got {_filter.MatchedCount}";

    private sealed class Unmute(TestEventHub hub, EventFilterBase filter) : IDisposable
    {
        public void Dispose() => hub.Remove(filter);
    }
}
