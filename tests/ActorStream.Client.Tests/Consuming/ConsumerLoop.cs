using System.Collections.Concurrent;

namespace ActorStream.Client.Tests.Consuming;

/// <summary>
/// Drives a consumer the way an application does: Consume in a loop on a thread of its own,
/// recording records, errors and (through the handlers <see cref="Build"/> installs) every
/// rebalance callback in order. Polling can be suspended to simulate a stuck application.
/// </summary>
internal sealed class ConsumerLoop : IDisposable
{
    private readonly ManualResetEventSlim _running = new(true);
    private readonly ManualResetEventSlim _exited = new(false);
    private volatile bool _stop;

    private ConsumerLoop(IConsumer<string, string> consumer, ConcurrentQueue<RebalanceCall> calls)
    {
        Consumer = consumer;
        Calls = calls;
        _ = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public IConsumer<string, string> Consumer { get; }

    public ConcurrentQueue<RebalanceCall> Calls { get; }

    public ConcurrentQueue<ConsumeResult<string, string>> Records { get; } = new();

    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>Partitions owned according to the callbacks seen so far.</summary>
    public HashSet<TopicPartition> Owned
    {
        get
        {
            var owned = new HashSet<TopicPartition>();
            foreach (var call in Calls.ToArray())
            {
                if (call.Kind == "assigned")
                {
                    owned.UnionWith(call.Partitions);
                }
                else if (call.Kind is "revoked" or "lost")
                {
                    owned.ExceptWith(call.Partitions);
                }
            }

            return owned;
        }
    }

    /// <summary>Builds a consumer whose handlers record into the loop, subscribes it to <paramref name="topics"/> and starts polling.</summary>
    public static ConsumerLoop Build(ConsumerConfig config, params string[] topics)
    {
        var calls = new ConcurrentQueue<RebalanceCall>();
        var consumer = new ConsumerBuilder<string, string>(config)
            .SetPartitionsAssignedHandler((_, partitions) => calls.Enqueue(new RebalanceCall("assigned", [.. partitions])))
            .SetPartitionsRevokedHandler((_, partitions) => calls.Enqueue(new RebalanceCall("revoked", partitions.ConvertAll(p => p.TopicPartition))))
            .SetPartitionsLostHandler((_, partitions) => calls.Enqueue(new RebalanceCall("lost", partitions.ConvertAll(p => p.TopicPartition))))
            .SetErrorHandler((_, error) => calls.Enqueue(new RebalanceCall("error:" + error.LocalCode, [])))
            .Build();
        consumer.Subscribe(topics);
        return new ConsumerLoop(consumer, calls);
    }

    /// <summary>Stops calling Consume until <see cref="ResumePolling"/>.</summary>
    public void SuspendPolling() => _running.Reset();

    public void ResumePolling() => _running.Set();

    public string Describe() =>
        $"{Consumer.Name}: assignment [{string.Join(", ", Consumer.Assignment)}], calls [{string.Join("; ", Calls.ToArray())}], records {Records.Count}, errors [{string.Join("; ", Errors.ToArray().Select(e => e.Message))}]";

    /// <summary>Stops polling and closes the consumer (commit, revoked handler, LeaveGroup).</summary>
    public void Close()
    {
        StopPolling();
        Consumer.Close();
    }

    public void Dispose()
    {
        StopPolling();
        Consumer.Dispose();
        _running.Dispose();
        _exited.Dispose();
    }

    private void StopPolling()
    {
        _stop = true;
        _running.Set();
        _exited.Wait();
    }

    private void Run()
    {
        try
        {
            Poll();
        }
        finally
        {
            _exited.Set();
        }
    }

    private void Poll()
    {
        while (!_stop)
        {
            if (!_running.IsSet)
            {
                _running.Wait(50);
                continue;
            }

            try
            {
                if (Consumer.Consume(TimeSpan.FromMilliseconds(50)) is { } result)
                {
                    Records.Enqueue(result);
                }
            }
            catch (ConsumeException e)
            {
                Errors.Enqueue(e);
            }
        }
    }
}

/// <summary>One rebalance callback: its kind and the partitions it named.</summary>
/// <param name="Kind">assigned, revoked, lost or error:…</param>
/// <param name="Partitions">The partitions.</param>
internal sealed record RebalanceCall(string Kind, List<TopicPartition> Partitions)
{
    public override string ToString() => $"{Kind}[{string.Join(",", Partitions)}]";
}
