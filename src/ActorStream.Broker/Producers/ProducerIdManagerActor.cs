using ActorStream.Actor;
using ActorStream.Kafka.Protocol;
using ActorStream.Persistence;

namespace ActorStream.Broker.Producers;

/// <summary>
/// Hands out producer ids for idempotent producers (Kafka's ProducerIdManager): ids come from blocks of
/// <c>blockSize</c> consecutive ids, and a block is persisted (<see cref="ProducerIdBlockAllocated"/>, under
/// persistence id <see cref="PersistenceIdValue"/>) before any id of it is handed out. After a restart the
/// manager continues after the end of the last persisted block, so an id is never handed out twice, even
/// when the previous incarnation used only part of its block; ids handed out grow strictly. Older block
/// events are deleted once a newer one is stored, so recovery replays one event. Commands that arrive
/// while a block is being persisted are stashed by the persistence runtime and answered in order.
/// Runs as an actor: not thread-safe, single owner.
/// </summary>
public sealed class ProducerIdManagerActor : ReceivePersistentActor
{
    /// <summary>The persistence id of the manager.</summary>
    public const string PersistenceIdValue = "producer-ids";

    /// <summary>Ids per persisted block unless the constructor says otherwise (Kafka's block size).</summary>
    public const int DefaultBlockSize = 1000;

    private readonly int _blockSize;
    private long _nextId;
    private long _blockEnd;

    /// <summary>Creates the manager; use <see cref="Props"/>.</summary>
    /// <param name="blockSize">Ids reserved by one persisted block.</param>
    public ProducerIdManagerActor(int blockSize = DefaultBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _blockSize = blockSize;
        ProducerIdEventSerializer.Register(Persistence.Serialization);

        Recover<ProducerIdBlockAllocated>(block =>
        {
            // Every id of a recovered block may have been handed out: continue after it.
            _nextId = Math.Max(_nextId, block.End);
            _blockEnd = _nextId;
        });
        Command<ProducerIdProtocol.InitProducerId>(HandleInitProducerId);
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => Log.Warning(failure.Cause, "Deleting old producer-id blocks up to {0} failed; recovery replays them", failure.ToSequenceNr));
    }

    /// <inheritdoc />
    public override string PersistenceId => PersistenceIdValue;

    /// <summary>Props of a manager.</summary>
    public static Props Props(int blockSize = DefaultBlockSize) => Actor.Props.Create(() => new ProducerIdManagerActor(blockSize));

    private void HandleInitProducerId(ProducerIdProtocol.InitProducerId request)
    {
        if (request.ProducerId >= 0 && request.ProducerId < _nextId && request.ProducerEpoch >= 0 && request.ProducerEpoch < short.MaxValue - 1)
        {
            Sender.Tell(new ProducerIdProtocol.InitProducerIdResult(ErrorCode.None, request.ProducerId, (short)(request.ProducerEpoch + 1)));
            return;
        }

        if (_nextId < _blockEnd)
        {
            Sender.Tell(new ProducerIdProtocol.InitProducerIdResult(ErrorCode.None, _nextId++, 0));
            return;
        }

        var replyTo = Sender;
        Persist(new ProducerIdBlockAllocated(_blockEnd, _blockSize), block =>
        {
            _nextId = block.FirstId;
            _blockEnd = block.End;
            replyTo.Tell(new ProducerIdProtocol.InitProducerIdResult(ErrorCode.None, _nextId++, 0), Self);
            if (LastSequenceNr > 1)
            {
                DeleteMessages(LastSequenceNr - 1);
            }
        });
    }
}
