using System.Diagnostics;
using System.Net;
using ActorStream.Kafka.Network.Tests.Support;

namespace ActorStream.Kafka.Network.Tests;

public sealed partial class KafkaListenerTests
{
    [Fact]
    public async Task IdleCheck_NoRequestWithinTimeout_ClosesIdleConnectionOnly()
    {
        var idle = TimeSpan.FromMilliseconds(500);
        var settings = KafkaListenerSettings.Default with { ConnectionsMaxIdle = idle };
        await using var listener = ListenerFixture.Start(new EchoHandler(), settings);
        await using var idleClient = await TestClient.ConnectAsync(listener.EndPoint);
        await using var busyClient = await TestClient.ConnectAsync(listener.EndPoint);
        var request = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1);
        await idleClient.SendAsync(request);
        Assert.NotNull(await idleClient.ReadFrameAsync());
        var idleSince = Stopwatch.GetTimestamp();

        // The busy client keeps sending well within the timeout while the idle one waits for the close.
        var closing = idleClient.ReadUntilClosedAsync();
        var sent = 0;
        while (!closing.IsCompleted)
        {
            await busyClient.SendAsync(TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: ++sent));
            Assert.NotNull(await busyClient.ReadFrameAsync());
            await Task.Delay(50);
            Assert.True(Stopwatch.GetElapsedTime(idleSince) < TimeSpan.FromSeconds(10), "the idle connection was not closed");
        }

        Assert.Empty(await closing);
        Assert.True(Stopwatch.GetElapsedTime(idleSince) >= idle * 0.9, "closed before the idle timeout");
        await busyClient.SendAsync(TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: ++sent));
        Assert.NotNull(await busyClient.ReadFrameAsync());
        Assert.Equal(1, listener.GetMetrics().IdleConnectionsClosed);
    }

    [Fact]
    public async Task IdleCheck_PartialFrameOnly_ClosesConnection()
    {
        var settings = KafkaListenerSettings.Default with { ConnectionsMaxIdle = TimeSpan.FromMilliseconds(300) };
        await using var listener = ListenerFixture.Start(new EchoHandler(), settings);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);

        // A slow sender that never completes a frame is idle too.
        await client.SendAsync(TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1, bodyLength: 100).AsMemory(0, 50));

        Assert.Empty(await client.ReadUntilClosedAsync());
        Assert.Equal(1, listener.GetMetrics().IdleConnectionsClosed);
    }

    [Fact]
    public async Task Accept_MaxConnectionsReached_ExtraConnectionClosedAndCounted()
    {
        var settings = KafkaListenerSettings.Default with { MaxConnections = 2 };
        await using var listener = ListenerFixture.Start(new EchoHandler(), settings);
        var first = await TestClient.ConnectAsync(listener.EndPoint);
        await using var second = await TestClient.ConnectAsync(listener.EndPoint);
        await Eventually.UntilAsync(() => listener.ActiveConnections == 2, () => $"active {listener.ActiveConnections}");

        await using (var third = await TestClient.ConnectAsync(listener.EndPoint))
        {
            Assert.Empty(await third.ReadUntilClosedAsync());
        }

        Assert.Equal(1, listener.GetMetrics().ConnectionsRejected);
        var request = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1);
        await second.SendAsync(request);
        Assert.NotNull(await second.ReadFrameAsync());

        await first.DisposeAsync();
        await Eventually.UntilAsync(() => listener.ActiveConnections == 1, () => $"active {listener.ActiveConnections}");
        await AssertEchoWorksAsync(listener);
        Assert.Equal(1, listener.GetMetrics().ConnectionsRejected);
    }

    [Fact]
    public async Task Accept_MaxConnectionsPerIpReached_ExtraConnectionFromThatAddressClosed()
    {
        var settings = KafkaListenerSettings.Default with { MaxConnectionsPerIp = 1 };
        await using var listener = ListenerFixture.Start(new EchoHandler(), settings);
        await using var first = await TestClient.ConnectAsync(listener.EndPoint);
        await Eventually.UntilAsync(() => listener.ActiveConnections == 1, () => $"active {listener.ActiveConnections}");

        await using (var second = await TestClient.ConnectAsync(listener.EndPoint))
        {
            Assert.Empty(await second.ReadUntilClosedAsync());
        }

        Assert.Equal(1, listener.GetMetrics().ConnectionsRejected);
        await first.DisposeAsync();
        await Eventually.UntilAsync(() => listener.ActiveConnections == 0, () => $"active {listener.ActiveConnections}");
        await AssertEchoWorksAsync(listener);
    }

    [Fact]
    public async Task StopAsync_RequestsInFlight_WaitsForTheirResponsesThenCloses()
    {
        var handler = new DeferredHandler();
        var listener = ListenerFixture.Start(handler);
        var endPoint = listener.EndPoint;
        await using var client = await TestClient.ConnectAsync(endPoint);
        var frames = new[]
        {
            TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1, bodyLength: 5),
            TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 2, bodyLength: 5),
            TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 3, bodyLength: 5),
        };
        await client.SendAsync(TestFrames.Concat(frames));
        await Eventually.UntilAsync(() => handler.PendingCount == 3, () => $"pending {handler.PendingCount}");

        var stopping = listener.StopAsync();
        await AssertRefusedAsync(endPoint);
        Assert.False(stopping.IsCompleted, "stop completed with requests in flight");

        foreach (var gate in handler.TakePending())
        {
            gate.SetResult();
        }

        await stopping.WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(TestFrames.Concat(frames), await client.ReadUntilClosedAsync());
        Assert.Equal(0, listener.ActiveConnections);
        Assert.Equal(0, handler.Cancelled);
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task StopAsync_ShutdownTimeoutExpires_AbortsConnectionsAndCancelsHandlers()
    {
        var handler = new DeferredHandler();
        var settings = KafkaListenerSettings.Default with { ShutdownTimeout = TimeSpan.FromMilliseconds(200) };
        var listener = ListenerFixture.Start(handler, settings);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        await client.SendAsync(TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1));
        await Eventually.UntilAsync(() => handler.PendingCount == 1, () => $"pending {handler.PendingCount}");

        await listener.StopAsync().WaitAsync(Eventually.DefaultTimeout);

        Assert.Empty(await client.ReadUntilClosedAsync());
        Assert.Equal(1, handler.Cancelled);
        Assert.Equal(0, listener.ActiveConnections);
        Assert.Equal(0, listener.GetMetrics().HandlerFailures);
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task StopAsync_IdleConnections_ClosedPromptly()
    {
        var listener = ListenerFixture.Start(new EchoHandler());
        var clients = new List<TestClient>();
        for (var i = 0; i < 20; i++)
        {
            clients.Add(await TestClient.ConnectAsync(listener.EndPoint));
        }

        await Eventually.UntilAsync(() => listener.ActiveConnections == 20, () => $"active {listener.ActiveConnections}");
        var closing = new List<Task<byte[]>>();
        foreach (var client in clients)
        {
            closing.Add(client.ReadUntilClosedAsync());
        }

        await listener.DisposeAsync().AsTask().WaitAsync(Eventually.DefaultTimeout);

        foreach (var received in await Task.WhenAll(closing))
        {
            Assert.Empty(received);
        }

        Assert.Equal(20, listener.GetMetrics().ConnectionsClosed);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task StopAsync_NeverStarted_CompletesAndStartIsRefused()
    {
        var listener = new KafkaListener(ListenerFixture.Loopback(), new EchoHandler());

        await listener.StopAsync();

        Assert.Throws<InvalidOperationException>(listener.Start);
        Assert.Throws<InvalidOperationException>(() => listener.EndPoint);
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task Start_PortInUse_ThrowsSocketException()
    {
        await using var first = ListenerFixture.Start(new EchoHandler());
        var second = new KafkaListener(ListenerFixture.Loopback() with { Port = first.EndPoint.Port }, new EchoHandler());

        Assert.Throws<System.Net.Sockets.SocketException>(second.Start);
        await second.DisposeAsync();
        Assert.Equal(IPAddress.Loopback, first.EndPoint.Address);
    }
}
