namespace ActorStream.Persistence.Sql.CrashWriter;

/// <summary>
/// The deterministic shape of what the crash writer stores, shared with the crash spec (linked
/// into the test project): which sequence nrs form one AtomicWrite and each event's exact bytes.
/// </summary>
public static class CrashPayload
{
    /// <summary>Number of events in the AtomicWrite that starts at <paramref name="firstSequenceNr"/> (1 to 3).</summary>
    public static int WriteSize(long firstSequenceNr) => (int)(firstSequenceNr % 3) + 1;

    /// <summary>The payload of event <paramref name="sequenceNr"/> of <paramref name="persistenceId"/>: 200 B to ~8 KiB of seeded bytes.</summary>
    public static byte[] For(string persistenceId, long sequenceNr)
    {
        var seed = (int)(((uint)persistenceId.Length * 7919u) ^ (uint)persistenceId[^1] ^ ((uint)sequenceNr * 2654435761u));
        var random = new Random(seed);
        var bytes = new byte[200 + random.Next(8000)];
        random.NextBytes(bytes);
        return bytes;
    }
}
