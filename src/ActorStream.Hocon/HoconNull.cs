namespace ActorStream.Configuration;

/// <summary>The HOCON <c>null</c> value.</summary>
public sealed class HoconNull : HoconValue
{
    public static HoconNull Instance { get; } = new();

    public override HoconValueType Type => HoconValueType.Null;

    internal override bool IsResolved => true;

    internal override string ConcatText => "null";

    public override bool Equals(HoconValue? other) => other is HoconNull;

    public override int GetHashCode() => 0x6e756c6c;
}
