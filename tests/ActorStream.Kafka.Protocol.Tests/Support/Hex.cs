namespace ActorStream.Kafka.Protocol.Tests.Support;

/// <summary>Hex helpers for golden vectors; whitespace and '|' separators are ignored.</summary>
public static class Hex
{
    public static byte[] Parse(string hex)
    {
        var clean = new System.Text.StringBuilder(hex.Length);
        foreach (char c in hex)
        {
            if (Uri.IsHexDigit(c))
            {
                clean.Append(c);
            }
        }

        return Convert.FromHexString(clean.ToString());
    }

    public static string Format(ReadOnlySpan<byte> data) => Convert.ToHexString(data).ToLowerInvariant();
}
