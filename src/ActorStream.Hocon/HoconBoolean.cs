namespace ActorStream.Configuration;

/// <summary>A HOCON boolean (<c>true</c> or <c>false</c>).</summary>
public sealed class HoconBoolean : HoconValue
{
    public static HoconBoolean True { get; } = new(true);

    public static HoconBoolean False { get; } = new(false);

    public HoconBoolean(bool value) => Value = value;

    public bool Value { get; }

    public override HoconValueType Type => HoconValueType.Boolean;

    internal override bool IsResolved => true;

    internal override string ConcatText => Value ? "true" : "false";

    public override bool Equals(HoconValue? other) => other is HoconBoolean b && b.Value == Value;

    public override int GetHashCode() => Value ? 1 : 2;
}
