using ActorStream.Kafka.Protocol.Tests.Generated;
using ActorStream.Kafka.Protocol.Tests.Support;

namespace ActorStream.Kafka.Protocol.Tests.Protocol;

/// <summary>
/// Round-trips every generated message type at every version of its schema, in three sample
/// modes (nulls, empties, full values incl. tagged fields), and checks that malformed input only
/// ever raises <see cref="KafkaProtocolException"/>.
/// </summary>
public class MessageCodecTests
{
    public static TheoryData<string, short, SampleMode> EveryVersionAndMode()
    {
        var data = new TheoryData<string, short, SampleMode>();
        foreach (var sample in MessageSamples.All)
        {
            for (short v = sample.LowestVersion; v <= sample.HighestVersion; v++)
            {
                foreach (var mode in Enum.GetValues<SampleMode>())
                {
                    data.Add(sample.Name, v, mode);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, short> EveryVersion()
    {
        var data = new TheoryData<string, short>();
        foreach (var sample in MessageSamples.All)
        {
            for (short v = sample.LowestVersion; v <= sample.HighestVersion; v++)
            {
                data.Add(sample.Name, v);
            }
        }

        return data;
    }

    private static MessageSample Find(string name)
    {
        foreach (var sample in MessageSamples.All)
        {
            if (sample.Name == name)
            {
                return sample;
            }
        }

        throw new ArgumentException(name);
    }

    private static IKafkaMessage Read(MessageSample sample, byte[] bytes, short version, out int remaining)
    {
        var reader = new KafkaReader(bytes);
        var message = sample.Read(ref reader, version);
        remaining = reader.Remaining;
        return message;
    }

    [Theory]
    [MemberData(nameof(EveryVersionAndMode))]
    public void WriteThenRead_EveryVersionAndMode_GivesEqualFieldsAndBytes(string message, short version, SampleMode mode)
    {
        var sample = Find(message);
        var original = sample.Create(version, new SampleValues(mode));

        byte[] bytes = Codec.Encode(original, version);
        Assert.Equal(original.ComputeSize(version), bytes.Length);

        var decoded = Read(sample, bytes, version, out int remaining);
        Assert.Equal(0, remaining);
        MessageAssert.Equal(original, decoded);
        Assert.Equal(bytes, Codec.Encode(decoded, version));
    }

    [Theory]
    [MemberData(nameof(EveryVersion))]
    public void Write_ThroughMinimalSegments_GivesSameBytes(string message, short version)
    {
        var sample = Find(message);
        var original = sample.Create(version, new SampleValues(SampleMode.Full));
        var segmented = new SegmentedBufferWriter();
        var writer = new KafkaWriter(segmented);
        original.Write(ref writer, version);
        writer.Flush();

        Assert.Equal(Codec.Encode(original, version), segmented.WrittenBytes);
    }

    [Theory]
    [MemberData(nameof(EveryVersion))]
    public void Read_TruncatedAtEveryByte_ThrowsKafkaProtocolException(string message, short version)
    {
        var sample = Find(message);
        byte[] bytes = Codec.Encode(sample.Create(version, new SampleValues(SampleMode.Full)), version);
        for (int length = 0; length < bytes.Length; length++)
        {
            byte[] prefix = bytes[..length];
            Assert.Throws<KafkaProtocolException>(() => Read(sample, prefix, version, out _));
        }
    }

    [Theory]
    [MemberData(nameof(EveryVersion))]
    public void Read_RandomlyCorruptedBytes_SucceedsOrThrowsOnlyKafkaProtocolException(string message, short version)
    {
        var sample = Find(message);
        byte[] bytes = Codec.Encode(sample.Create(version, new SampleValues(SampleMode.Full)), version);
        if (bytes.Length == 0)
        {
            return;
        }

        var random = new Random(message.Length * 1000 + version);
        int parsed = 0;
        for (int round = 0; round < 64; round++)
        {
            byte[] corrupt = (byte[])bytes.Clone();
            int flips = 1 + random.Next(3);
            for (int i = 0; i < flips; i++)
            {
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            }

            try
            {
                Read(sample, corrupt, version, out _);
                parsed++;
            }
            catch (KafkaProtocolException)
            {
                // the only acceptable failure
            }
        }

        Assert.InRange(parsed, 0, 64);
    }

    [Fact]
    public void Read_VersionAboveSchema_ThrowsKafkaProtocolException()
    {
        foreach (var sample in MessageSamples.All)
        {
            short version = (short)(sample.HighestVersion + 1);
            Assert.Throws<KafkaProtocolException>(() => Read(sample, new byte[64], version, out _));
        }
    }

    [Fact]
    public void Samples_CoverEveryApiInTheTable_RequestAndResponse()
    {
        foreach (var range in ApiVersionTable.Supported)
        {
            Assert.Contains(MessageSamples.All, s => s.Name == range.ApiKey + "Request");
            Assert.Contains(MessageSamples.All, s => s.Name == range.ApiKey + "Response");
        }
    }
}
