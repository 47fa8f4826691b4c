namespace ActorStream.Client;

/// <summary>What a serializer is serializing: the component, the topic and the record's headers.</summary>
/// <param name="Component">Key or value.</param>
/// <param name="Topic">The destination topic.</param>
/// <param name="Headers">The record's headers (null if it has none).</param>
public readonly record struct SerializationContext(MessageComponentType Component, string Topic, Headers? Headers = null);
