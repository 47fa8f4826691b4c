using System.Globalization;

namespace ActorStream.Client;

/// <summary>A partition number, or <see cref="Any"/> to let the partitioner choose.</summary>
/// <param name="Value">The partition index; negative values are special.</param>
public readonly record struct Partition(int Value)
{
    /// <summary>No partition given: the producer's partitioner chooses one.</summary>
    public static Partition Any { get; } = new(-1);

    /// <summary>True for special values such as <see cref="Any"/>.</summary>
    public bool IsSpecial => Value < 0;

    /// <summary>Converts an index to a partition.</summary>
    /// <param name="value">The partition index.</param>
    public static implicit operator Partition(int value) => new(value);

    /// <summary>The partition index.</summary>
    /// <param name="partition">The partition.</param>
    public static implicit operator int(Partition partition) => partition.Value;

    /// <summary>Same as the implicit conversion.</summary>
    /// <param name="value">The partition index.</param>
    public static Partition FromInt32(int value) => new(value);

    /// <summary>Same as the implicit conversion.</summary>
    public int ToInt32() => Value;

    /// <summary>"[3]" or "[Any]".</summary>
    public override string ToString() => Value == -1 ? "[Any]" : "[" + Value.ToString(CultureInfo.InvariantCulture) + "]";
}
