namespace ActorStream.Client;

/// <summary>The part of a record a serializer is working on.</summary>
public enum MessageComponentType
{
    /// <summary>The key.</summary>
    Key = 1,

    /// <summary>The value.</summary>
    Value = 2,
}
