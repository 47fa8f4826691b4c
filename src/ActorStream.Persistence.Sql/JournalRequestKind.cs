namespace ActorStream.Persistence.Sql;

/// <summary>What a <see cref="JournalRequest"/> asks its writer shard to do.</summary>
internal enum JournalRequestKind
{
    Write,
    Delete,
    Barrier,
}
