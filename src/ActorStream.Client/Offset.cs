using System.Globalization;

namespace ActorStream.Client;

/// <summary>A log offset, or one of the special positions (<see cref="Beginning"/>, <see cref="End"/>, <see cref="Stored"/>, <see cref="Unset"/>).</summary>
/// <param name="Value">The offset; negative values are special.</param>
public readonly record struct Offset(long Value)
{
    /// <summary>The log start offset (-2, Kafka's EARLIEST_TIMESTAMP).</summary>
    public static Offset Beginning { get; } = new(-2);

    /// <summary>The log end offset (-1, Kafka's LATEST_TIMESTAMP).</summary>
    public static Offset End { get; } = new(-1);

    /// <summary>The group's committed offset (-1000).</summary>
    public static Offset Stored { get; } = new(-1000);

    /// <summary>No offset (-1001), e.g. the offset of a record produced with acks=0.</summary>
    public static Offset Unset { get; } = new(-1001);

    /// <summary>True for the special values.</summary>
    public bool IsSpecial => Value < 0;

    /// <summary>Converts a number to an offset.</summary>
    /// <param name="value">The offset.</param>
    public static implicit operator Offset(long value) => new(value);

    /// <summary>The offset as a number.</summary>
    /// <param name="offset">The offset.</param>
    public static implicit operator long(Offset offset) => offset.Value;

    /// <summary>The offset <paramref name="delta"/> records later.</summary>
    /// <param name="offset">The offset.</param>
    /// <param name="delta">Records to add.</param>
    public static Offset operator +(Offset offset, long delta) => new(offset.Value + delta);

    /// <summary>Same as the + operator.</summary>
    /// <param name="offset">The offset.</param>
    /// <param name="delta">Records to add.</param>
    public static Offset Add(Offset offset, long delta) => offset + delta;

    /// <summary>Same as the implicit conversion.</summary>
    /// <param name="value">The offset.</param>
    public static Offset FromInt64(long value) => new(value);

    /// <summary>Same as the implicit conversion.</summary>
    public long ToInt64() => Value;

    /// <summary>The number, or the name of a special value.</summary>
    public override string ToString() => Value switch
    {
        -2 => "Beginning [-2]",
        -1 => "End [-1]",
        -1000 => "Stored [-1000]",
        -1001 => "Unset [-1001]",
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };
}
