using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Partitions;

/// <content>
/// The leader epoch cache (Kafka's LeaderEpochFileCache, in memory): for every leader epoch seen in the
/// log, the first offset written under it, in ascending order of both. Built from the batches at recovery
/// and on append, plus the current epoch at the log end offset once the actor serves (as a new leader
/// does in Kafka). A snapshot keeps only its own epoch, so after recovery from a snapshot every batch
/// below the snapshot counts as written under that epoch. Answers OffsetForLeaderEpoch.
/// </content>
public sealed partial class PartitionActor
{
    private readonly List<EpochEntry> _epochs = [];

    /// <summary>Records that <paramref name="epoch"/> starts at <paramref name="startOffset"/> when it is newer than every known epoch.</summary>
    private void TrackEpoch(int epoch, long startOffset)
    {
        if (epoch < 0)
        {
            return;
        }

        if (_epochs.Count == 0 || epoch > _epochs[^1].Epoch)
        {
            _epochs.Add(new EpochEntry(epoch, startOffset));
        }
    }

    /// <summary>Kafka's truncateFromStart: epochs that end below the new log start go; the one holding it starts there.</summary>
    private void TruncateEpochsFromStart(long logStartOffset)
    {
        var keep = 0;
        while (keep + 1 < _epochs.Count && _epochs[keep + 1].StartOffset <= logStartOffset)
        {
            keep++;
        }

        if (keep > 0)
        {
            _epochs.RemoveRange(0, keep);
        }

        if (_epochs.Count > 0 && _epochs[0].StartOffset < logStartOffset)
        {
            _epochs[0] = _epochs[0] with { StartOffset = logStartOffset };
        }
    }

    private void HandleOffsetForLeaderEpoch(PartitionProtocol.OffsetForLeaderEpoch m)
    {
        var current = _config.LeaderEpoch;
        if (m.CurrentLeaderEpoch >= 0 && m.CurrentLeaderEpoch != current)
        {
            var error = m.CurrentLeaderEpoch < current ? ErrorCode.FencedLeaderEpoch : ErrorCode.UnknownLeaderEpoch;
            Sender.Tell(new PartitionProtocol.OffsetForLeaderEpochResult(_topic, _partition, error, -1, -1), Self);
            return;
        }

        var (epoch, endOffset) = EndOffsetForEpoch(m.LeaderEpoch);
        Sender.Tell(new PartitionProtocol.OffsetForLeaderEpochResult(_topic, _partition, ErrorCode.None, epoch, endOffset), Self);
    }

    /// <summary>
    /// Kafka's endOffsetFor: the latest epoch ends at the log end offset; an older epoch ends where the
    /// next known epoch starts, reported as the largest known epoch not above the requested one (the
    /// requested one itself when it precedes every known epoch); an epoch beyond the latest, or -1, is
    /// undefined (-1, -1).
    /// </summary>
    private (int Epoch, long EndOffset) EndOffsetForEpoch(int requested)
    {
        if (requested < 0 || _epochs.Count == 0)
        {
            return (-1, -1);
        }

        if (requested == _epochs[^1].Epoch)
        {
            return (requested, _logEndOffset);
        }

        var higher = -1;
        for (var i = 0; i < _epochs.Count; i++)
        {
            if (_epochs[i].Epoch > requested)
            {
                higher = i;
                break;
            }
        }

        if (higher < 0)
        {
            return (-1, -1);
        }

        return higher == 0
            ? (requested, _epochs[0].StartOffset)
            : (_epochs[higher - 1].Epoch, _epochs[higher].StartOffset);
    }

    /// <summary>One leader epoch and the first offset written under it.</summary>
    private readonly record struct EpochEntry(int Epoch, long StartOffset);
}
