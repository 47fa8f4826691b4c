using System.Collections.Concurrent;
using ActorStream.Configuration;

namespace ActorStream.Dispatch;

/// <summary>Dispatchers by configuration path, created on first lookup. Thread-safe.</summary>
internal sealed class Dispatchers(Config config)
{
    private readonly ConcurrentDictionary<string, Lazy<MessageDispatcher>> _dispatchers = new(StringComparer.Ordinal);

    public MessageDispatcher DefaultDispatcher => Lookup(Actor.Props.DefaultDispatcherId);

    public MessageDispatcher Lookup(string id)
        => _dispatchers.GetOrAdd(id, key => new Lazy<MessageDispatcher>(() => Create(key))).Value;

    private MessageDispatcher Create(string id)
    {
        if (!config.HasPath(id))
        {
            throw new ArgumentException($"Dispatcher [{id}] is not configured (no section at that path)", nameof(id));
        }

        var section = config.GetConfig(id).WithFallback(config.GetConfig(Actor.Props.DefaultDispatcherId));
        var throughput = section.GetInt("throughput", 30);
        var deadline = section.GetTimeSpan("throughput-deadline-time", TimeSpan.Zero);
        var executorName = section.GetString("executor", "thread-pool");
        IMailboxExecutor executor = executorName switch
        {
            "thread-pool" or "default-executor" or "fork-join-executor" => ThreadPoolExecutor.Instance,
            "dedicated-threads" or "pinned" => new DedicatedThreadExecutor(id, ThreadCount(section)),
            _ => throw new ArgumentException($"Dispatcher [{id}] names unknown executor '{executorName}' (use thread-pool or dedicated-threads)", nameof(id)),
        };
        return new MessageDispatcher(id, throughput, deadline, executor);
    }

    private static int ThreadCount(Config section)
    {
        var count = section.GetInt("dedicated-thread-count", 0);
        return count > 0 ? count : Environment.ProcessorCount;
    }

    public void Shutdown()
    {
        foreach (var dispatcher in _dispatchers.Values)
        {
            if (dispatcher.IsValueCreated)
            {
                dispatcher.Value.Shutdown();
            }
        }
    }
}
