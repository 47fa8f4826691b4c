using System.Globalization;
using System.Text;

namespace ActorStream.Node.Tests.Support;

/// <summary>Values written by Scripts/produce.py: "run:seq:" then <c>seq % 97</c> bytes derived from seq.</summary>
internal static class ProducedValue
{
    public static byte[] For(string run, int seq)
    {
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{run}:{seq}:"));
        var value = new byte[prefix.Length + seq % 97];
        prefix.CopyTo(value, 0);
        for (var i = 0; i < seq % 97; i++)
        {
            value[prefix.Length + i] = (byte)((seq * 131) + (i * 7));
        }

        return value;
    }

    /// <summary>The run and sequence number of a produced value; fails for anything the producer cannot have written.</summary>
    public static (string Run, int Seq) Parse(ReadOnlySpan<byte> value)
    {
        var first = value.IndexOf((byte)':');
        var second = first < 0 ? -1 : value[(first + 1)..].IndexOf((byte)':');
        var seq = -1;
        if (first <= 0 || second <= 0
            || !int.TryParse(value.Slice(first + 1, second), NumberStyles.None, CultureInfo.InvariantCulture, out seq))
        {
            Assert.Fail($"not a produced value: {Convert.ToHexString(value)}");
        }

        var run = Encoding.ASCII.GetString(value[..first]);
        Assert.True(value.SequenceEqual(For(run, seq)), $"value of {run}:{seq} is not byte-exact: {Convert.ToHexString(value)}");
        return (run, seq);
    }
}
