namespace ActorStream.Configuration;

/// <summary>
/// Several definitions of one field that cannot be merged before substitutions are resolved, top (winning)
/// layer first: <c>a = 1</c> then <c>a = ${a}x</c> gives layers <c>[${a}x, 1]</c>. While a layer resolves, a
/// reference to the field's own path sees the merge of the layers below it.
/// </summary>
internal sealed class HoconDelayedMerge : HoconValue
{
    public HoconDelayedMerge(IReadOnlyList<HoconValue> layers) => Layers = layers;

    public IReadOnlyList<HoconValue> Layers { get; }

    public override HoconValueType Type => HoconValueType.Unresolved;

    internal override bool IsResolved => false;

    public override bool Equals(HoconValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
