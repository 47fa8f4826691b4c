using System.Diagnostics;

namespace ActorStream.Dispatch;

/// <summary>
/// Runs mailboxes on an executor. <see cref="Throughput"/> bounds the messages one actor handles
/// per turn so that busy actors share threads fairly. Thread-safe.
/// </summary>
public sealed class MessageDispatcher
{
    private readonly IMailboxExecutor _executor;

    internal MessageDispatcher(string id, int throughput, TimeSpan throughputDeadline, IMailboxExecutor executor)
    {
        Id = id;
        Throughput = Math.Max(1, throughput);
        ThroughputDeadline = throughputDeadline;
        ThroughputDeadlineTicks = throughputDeadline > TimeSpan.Zero ? (long)(throughputDeadline.TotalSeconds * Stopwatch.Frequency) : 0;
        _executor = executor;
    }

    public string Id { get; }

    /// <summary>Messages an actor processes per turn before yielding its thread.</summary>
    public int Throughput { get; }

    /// <summary>Longest time a turn may take; zero means no deadline.</summary>
    public TimeSpan ThroughputDeadline { get; }

    internal long ThroughputDeadlineTicks { get; }

    internal void Execute(Mailbox mailbox) => _executor.Execute(mailbox);

    internal void RegisterForExecution(Mailbox mailbox, bool hasMessageHint, bool hasSystemMessageHint, bool fromTurn = false)
    {
        if (mailbox.CanBeScheduledForExecution(hasMessageHint, hasSystemMessageHint) && mailbox.SetAsScheduled())
        {
            if (fromTurn)
            {
                _executor.ExecuteFromTurn(mailbox);
            }
            else
            {
                _executor.Execute(mailbox);
            }
        }
    }

    internal void Shutdown() => _executor.Shutdown();

    public override string ToString() => $"Dispatcher({Id}, throughput={Throughput})";
}
