namespace ActorStream.Client.Admin;

/// <summary>The described topics. Immutable.</summary>
/// <param name="TopicDescriptions">One per topic asked for, in request order.</param>
public sealed record DescribeTopicsResult(List<TopicDescription> TopicDescriptions);
