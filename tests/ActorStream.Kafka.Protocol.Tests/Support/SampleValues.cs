namespace ActorStream.Kafka.Protocol.Tests.Support;

/// <summary>
/// Deterministic, non-default sample values for the generated message factories. Every call
/// returns a fresh value so that swapped fields show up as mismatches.
/// </summary>
public sealed class SampleValues
{
    private int _next;

    public SampleValues(SampleMode mode) => Mode = mode;

    public SampleMode Mode { get; }

    private int Next() => ++_next;

    public bool Bool() => Mode != SampleMode.Empties || Next() % 2 == 0;

    public sbyte Int8() => (sbyte)(Mode == SampleMode.Full ? -(Next() % 100) - 2 : Next() % 100 + 1);

    public short Int16() => (short)(Mode == SampleMode.Full ? short.MinValue + Next() : 1000 + Next());

    public ushort UInt16() => (ushort)(40000 + Next());

    public int Int32() => Mode == SampleMode.Full ? int.MaxValue - Next() : 100_000 + Next();

    public long Int64() => Mode == SampleMode.Full ? long.MinValue + Next() : 10_000_000_000L + Next();

    public double Float64() => Next() + 0.25;

    public Guid Uuid()
    {
        int n = Next();
        return new Guid(n, (short)(n >> 16), 0x4abc, 0x80, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, (byte)n);
    }

    public string? String(bool nullable) => Mode switch
    {
        SampleMode.Nulls when nullable => null,
        SampleMode.Empties => string.Empty,
        SampleMode.Full => $"tøpic-✓-{Next()}",
        _ => $"s{Next()}",
    };

    public string String() => String(nullable: false)!;

    public byte[] Bytes() => Bytes(nullable: false)!;

    public byte[]? Bytes(bool nullable) => Mode switch
    {
        SampleMode.Nulls when nullable => null,
        SampleMode.Empties => [],
        _ => [1, 2, 3, (byte)Next()],
    };

    public ReadOnlyMemory<byte>? Records(bool nullable)
    {
        if (Mode == SampleMode.Nulls && nullable)
        {
            return null;
        }

        if (Mode == SampleMode.Empties)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var data = new byte[20 + Next() % 10];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i * 7);
        }

        return data;
    }

    /// <summary>True if a nullable array or tagged struct should be null in this mode.</summary>
    public bool Null(bool nullable) => nullable && Mode == SampleMode.Nulls;

    /// <summary>Number of array elements in this mode.</summary>
    public int Count() => Mode switch
    {
        SampleMode.Nulls => 1,
        SampleMode.Empties => 0,
        _ => 2,
    };
}
