using ActorStream.Configuration;

namespace ActorStream.Kafka.Network.Tests;

public sealed class KafkaListenerSettingsTests
{
    [Fact]
    public void FromConfig_EmptyConfig_MatchesDefaultsAndReferenceConf()
    {
        var settings = KafkaListenerSettings.FromConfig(ConfigurationFactory.Empty);

        Assert.Equal(KafkaListenerSettings.Default, settings);
        Assert.Equal("0.0.0.0", settings.Host);
        Assert.Equal(9092, settings.Port);
        Assert.Null(settings.AdvertisedHost);
        Assert.Equal(0, settings.AdvertisedPort);
        Assert.Equal(104_857_600, settings.SocketRequestMaxBytes);
        Assert.Equal(10_000, settings.MaxConnections);
        Assert.Equal(int.MaxValue, settings.MaxConnectionsPerIp);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.ConnectionsMaxIdle);
        Assert.Equal(100, settings.MaxInFlightRequestsPerConnection);
        Assert.Equal(102_400, settings.SocketSendBufferBytes);
        Assert.Equal(102_400, settings.SocketReceiveBufferBytes);
        Assert.Equal(512, settings.SocketListenBacklogSize);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.CloseLingerTimeout);
    }

    [Fact]
    public void FromConfig_Overrides_ReadsEveryKey()
    {
        var config = ConfigurationFactory.ParseString("""
            actorstream.kafka.listener {
              host = "127.0.0.1"
              port = 0
              advertised-host = "broker-1"
              advertised-port = 19092
              socket-request-max-bytes = 1MiB
              max-connections = 5
              max-connections-per-ip = 2
              connections-max-idle = 30s
              max-in-flight-requests-per-connection = 7
              socket-send-buffer-bytes = -1
              socket-receive-buffer-bytes = 65536
              socket-listen-backlog-size = 64
              shutdown-timeout = 5s
              close-linger-timeout = 0
            }
            """);

        var settings = KafkaListenerSettings.FromConfig(config);

        Assert.Equal(new KafkaListenerSettings
        {
            Host = "127.0.0.1",
            Port = 0,
            AdvertisedHost = "broker-1",
            AdvertisedPort = 19092,
            SocketRequestMaxBytes = 1_048_576,
            MaxConnections = 5,
            MaxConnectionsPerIp = 2,
            ConnectionsMaxIdle = TimeSpan.FromSeconds(30),
            MaxInFlightRequestsPerConnection = 7,
            SocketSendBufferBytes = -1,
            SocketReceiveBufferBytes = 65536,
            SocketListenBacklogSize = 64,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            CloseLingerTimeout = TimeSpan.Zero,
        }, settings);
    }

    [Fact]
    public void FromConfig_InfiniteIdle_DisablesTheIdleCheck()
    {
        var settings = KafkaListenerSettings.FromConfig(ConfigurationFactory.ParseString("actorstream.kafka.listener.connections-max-idle = infinite"));

        Assert.Equal(Timeout.InfiniteTimeSpan, settings.ConnectionsMaxIdle);
        Assert.False(settings.IdleCheckEnabled);
    }

    [Theory]
    [InlineData("max-in-flight-requests-per-connection = 0")]
    [InlineData("max-connections = 0")]
    [InlineData("socket-request-max-bytes = 7")]
    [InlineData("port = 70000")]
    [InlineData("socket-send-buffer-bytes = -2")]
    public void FromConfig_OutOfRange_Throws(string line)
    {
        var config = ConfigurationFactory.ParseString("actorstream.kafka.listener." + line);

        Assert.Throws<ArgumentOutOfRangeException>(() => KafkaListenerSettings.FromConfig(config));
    }
}
