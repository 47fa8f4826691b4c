namespace ActorStream.Actor;

/// <summary>Orders references by path, then UID; used by every <see cref="IActorRef"/> implementation.</summary>
internal static class ActorRefComparer
{
    public static int Compare(IActorRef self, IActorRef? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(self.Path.ToStringWithoutUid(), other.Path.ToStringWithoutUid());
        return c != 0 ? c : self.Path.Uid.CompareTo(other.Path.Uid);
    }

    public static bool Equal(IActorRef self, IActorRef? other)
        => other is not null && (ReferenceEquals(self, other) || (self.Path.Uid == other.Path.Uid && self.Path.Equals(other.Path)));
}
