using System.Collections.Concurrent;
using ActorStream.Configuration;

namespace ActorStream.Dispatch;

/// <summary>Builds mailboxes from the mailbox section a Props names. Thread-safe.</summary>
internal sealed class Mailboxes(Config config)
{
    private readonly ConcurrentDictionary<string, MailboxSpec> _specs = new(StringComparer.Ordinal);

    public Mailbox Create(Actor.Props props, MessageDispatcher dispatcher)
    {
        var spec = _specs.GetOrAdd(props.Mailbox, Parse);
        MessageQueue queue = spec.Capacity > 0 ? new BoundedMessageQueue(spec.Capacity) : new MessageQueue();
        return new Mailbox(queue, dispatcher);
    }

    private MailboxSpec Parse(string id)
    {
        if (!config.HasPath(id))
        {
            throw new ArgumentException($"Mailbox [{id}] is not configured (no section at that path)", nameof(id));
        }

        var section = config.GetConfig(id);
        var type = section.GetString("mailbox-type", "unbounded");
        return type switch
        {
            "unbounded" => new MailboxSpec(0),
            "bounded" => new MailboxSpec(Positive(section.GetInt("mailbox-capacity", 1000), id)),
            _ => throw new ArgumentException($"Mailbox [{id}] has unknown mailbox-type '{type}' (use unbounded or bounded)", nameof(id)),
        };
    }

    private static int Positive(int capacity, string id)
        => capacity > 0 ? capacity : throw new ArgumentException($"Mailbox [{id}] needs a positive mailbox-capacity", nameof(id));

    private sealed record MailboxSpec(int Capacity);
}
