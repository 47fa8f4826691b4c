using System.Runtime.CompilerServices;
using ActorStream.Client.Admin;
using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Client;

/// <summary>
/// The admin client over the Kafka protocol. Build it with <see cref="AdminClientBuilder"/>. Topic
/// changes go to the controller, group calls to each group's coordinator, offset calls to the
/// partition leaders, config calls to the broker concerned (or any broker for topics). Thread-safe.
/// </summary>
public sealed partial class AdminClient : IAdminClient
{
    private readonly KafkaCluster _cluster;
    private readonly TimeSpan _defaultTimeout;
    private readonly int _retries;
    private readonly TimeProvider _time;

    internal AdminClient(string name, KafkaCluster cluster, TimeSpan defaultTimeout, int retries)
    {
        Name = name;
        _cluster = cluster;
        _defaultTimeout = defaultTimeout;
        _retries = retries;
        _time = cluster.TimeProvider;
    }

    /// <inheritdoc />
    public string Name { get; }

    internal KafkaCluster Cluster => _cluster;

    /// <summary>Closes the connections.</summary>
    public void Dispose() => RunSync(_cluster.DisposeAsync().AsTask());

    /// <summary>Closes the connections.</summary>
    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    /// <summary>Blocks until <paramref name="task"/> completes, without the sync-over-async primitives the analyzers ban.</summary>
    private static T RunSync<T>(Task<T> task)
    {
        var result = new StrongBox<T>();
        RunSync(CaptureAsync(task, result));
        return result.Value!;

        static async Task CaptureAsync(Task<T> task, StrongBox<T> result) => result.Value = await task.ConfigureAwait(false);
    }

    private static void RunSync(Task task)
    {
        if (!task.IsCompleted)
        {
            using var done = new ManualResetEventSlim();
            task.ContinueWith(static (_, state) => ((ManualResetEventSlim)state!).Set(), done, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            done.Wait();
        }

        if (!task.IsCompletedSuccessfully)
        {
            throw Unwrap(task);
        }
    }

    private static Exception Unwrap(Task task) =>
        task.Exception?.InnerExceptions.Count == 1 ? task.Exception.InnerException! : (Exception?)task.Exception ?? new OperationCanceledException();

    private TimeSpan Limit(AdminOptions? options) => options?.RequestTimeout ?? _defaultTimeout;

    /// <summary>
    /// Runs a call with its time limit, retrying retriable failures with backoff. A call that runs out of
    /// time throws <see cref="KafkaException"/> with <see cref="LocalErrorCode.TimedOut"/> and the last error.
    /// </summary>
    private async Task<T> CallAsync<T>(string operation, AdminOptions? options, Func<int, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var limit = Limit(options);
        using var timeout = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        KafkaError? last = null;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(attempt, linked.Token).ConfigureAwait(false);
            }
            catch (KafkaException e) when (e.Error.IsRetriable && attempt < _retries && !linked.IsCancellationRequested)
            {
                last = e.Error;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(operation, limit, last);
            }

            try
            {
                await Task.Delay(Backoff.Compute(_cluster.Settings.RetryBackoff, _cluster.Settings.RetryBackoffMax, attempt), _time, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(operation, limit, last);
            }
        }
    }

    /// <summary>
    /// Runs a call about several items: each attempt covers the items still pending, and items whose
    /// outcome is retriable (per <paramref name="retry"/>) or that got none are tried again with backoff
    /// until the time limit. Items left at the end keep their last outcome, or a timeout error.
    /// </summary>
    private async Task<Dictionary<TItem, TResult>> CallPerItemAsync<TItem, TResult>(
        string operation,
        AdminOptions? options,
        IReadOnlyCollection<TItem> items,
        Func<List<TItem>, int, CancellationToken, Task<Dictionary<TItem, TResult>>> attempt,
        Func<TResult, KafkaError> errorOf,
        Func<KafkaError, bool> retry,
        Func<TItem, KafkaError, TResult> failed,
        CancellationToken cancellationToken)
        where TItem : notnull
    {
        var limit = Limit(options);
        using var timeout = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var results = new Dictionary<TItem, TResult>();
        var pending = new List<TItem>(items);
        KafkaError? last = null;
        for (var round = 0; pending.Count > 0; round++)
        {
            Dictionary<TItem, TResult>? answered = null;
            try
            {
                answered = await attempt(pending, round, linked.Token).ConfigureAwait(false);
            }
            catch (KafkaException e) when (e.Error.IsRetriable)
            {
                last = e.Error;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var next = new List<TItem>();
            foreach (var item in pending)
            {
                if (answered is not null && answered.TryGetValue(item, out var result))
                {
                    results[item] = result;
                    var error = errorOf(result);
                    if (error.IsError && retry(error))
                    {
                        last = error;
                        next.Add(item);
                    }
                }
                else
                {
                    next.Add(item);
                }
            }

            pending = next;
            if (pending.Count == 0 || round >= _retries)
            {
                break;
            }

            try
            {
                await Task.Delay(Backoff.Compute(_cluster.Settings.RetryBackoff, _cluster.Settings.RetryBackoffMax, round), _time, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var item in pending)
        {
            if (!results.ContainsKey(item))
            {
                results[item] = failed(item, TimedOut(operation, limit, last).Error);
            }
        }

        return results;
    }

    private static KafkaException TimedOut(string operation, TimeSpan limit, KafkaError? last) =>
        new(new KafkaError(LocalErrorCode.TimedOut, ErrorCode.RequestTimedOut,
            $"{operation} did not complete within {limit.TotalMilliseconds:0} ms" + (last is null ? string.Empty : "; last error: " + last)));

    /// <summary>Retriable outcomes for calls routed by metadata (leaders, controller).</summary>
    private static bool IsRetriableRouting(KafkaError error) => error.IsRetriable;

    private static Node? ToNode(ClusterMetadata metadata, int nodeId) =>
        metadata.TryGetBroker(nodeId, out var broker) ? new Node(broker.NodeId, broker.Host, broker.Port, broker.Rack) : null;

    private static List<TItem> Distinct<TItem>(IEnumerable<TItem> items, string what)
        where TItem : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        var seen = new HashSet<TItem>();
        var list = new List<TItem>();
        foreach (var item in items)
        {
            if (!seen.Add(item))
            {
                throw new ArgumentException($"{what} '{item}' is listed more than once.");
            }

            list.Add(item);
        }

        return list;
    }
}
