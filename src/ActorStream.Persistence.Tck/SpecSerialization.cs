using ActorStream.Serialization;

namespace ActorStream.Persistence.Tck;

/// <summary>The registry the specs write with: the defaults plus <see cref="OrderedBatch"/>; <see cref="UnserializableEvent"/> stays unbound.</summary>
public static class SpecSerialization
{
    /// <summary>A fresh registry for one spec instance.</summary>
    public static SerializationRegistry Create() =>
        SerializationRegistry.CreateDefault().Bind<OrderedBatch>(new OrderedBatchSerializer());
}
