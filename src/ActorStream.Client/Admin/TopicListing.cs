namespace ActorStream.Client.Admin;

/// <summary>A topic in the cluster's list. Immutable.</summary>
/// <param name="Name">The topic.</param>
/// <param name="TopicId">Its id (zero if the broker does not report ids).</param>
/// <param name="IsInternal">True for internal topics.</param>
public sealed record TopicListing(string Name, Guid TopicId, bool IsInternal);
