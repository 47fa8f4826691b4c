using System.Text;

namespace ActorStream.Client.Tests.Consuming;

[Trait("Category", "Unit")]
public sealed class DeserializersTests
{
    private static readonly SerializationContext s_value = new(MessageComponentType.Value, "t");

    [Fact]
    public void BuiltIns_RoundTripTheSerializers()
    {
        var context = new SerializationContext(MessageComponentType.Value, "t");

        Assert.Equal("héllo", Deserializers.Utf8.Deserialize(Serializers.Utf8.Serialize("héllo", context), false, s_value));
        Assert.Equal(-42, Deserializers.Int32.Deserialize(Serializers.Int32.Serialize(-42, context), false, s_value));
        Assert.Equal(long.MinValue, Deserializers.Int64.Deserialize(Serializers.Int64.Serialize(long.MinValue, context), false, s_value));
        Assert.Equal([1, 2, 3], Deserializers.ByteArray.Deserialize(new byte[] { 1, 2, 3 }, false, s_value));
    }

    [Fact]
    public void BuiltIns_NullData_GiveNullOrThrowForNumbers()
    {
        Assert.Null(Deserializers.Utf8.Deserialize(default, true, s_value));
        Assert.Null(Deserializers.ByteArray.Deserialize(default, true, s_value));
        Assert.Null(Deserializers.Null.Deserialize(default, true, s_value));
        Assert.Null(Deserializers.Ignore.Deserialize(Encoding.UTF8.GetBytes("anything"), false, s_value));
        Assert.Throws<ArgumentNullException>(() => Deserializers.Int32.Deserialize(default, true, s_value));
        Assert.Throws<ArgumentException>(() => Deserializers.Int64.Deserialize(new byte[3], false, s_value));
        Assert.Throws<ArgumentException>(() => Deserializers.Null.Deserialize(new byte[1], false, s_value));
    }
}
