using System.Net;

namespace ActorStream.Kafka.Network.Tests.Support;

/// <summary>Starts a listener on 127.0.0.1:0 and stops it on dispose.</summary>
internal static class ListenerFixture
{
    public static KafkaListenerSettings Loopback(KafkaListenerSettings? settings = null) =>
        (settings ?? KafkaListenerSettings.Default) with { Host = IPAddress.Loopback.ToString(), Port = 0 };

    public static KafkaListener Start(IKafkaRequestHandler handler, KafkaListenerSettings? settings = null)
    {
        var listener = new KafkaListener(Loopback(settings), handler);
        listener.Start();
        return listener;
    }
}
