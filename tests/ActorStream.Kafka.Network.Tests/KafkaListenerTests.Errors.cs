using ActorStream.Kafka.Network.Tests.Support;

namespace ActorStream.Kafka.Network.Tests;

public sealed partial class KafkaListenerTests
{
    [Fact]
    public async Task ReadLoop_OversizeFrame_ClosesOnlyThatConnection()
    {
        var settings = KafkaListenerSettings.Default with { SocketRequestMaxBytes = 1024 };
        await using var listener = ListenerFixture.Start(new EchoHandler(), settings);
        await using var healthy = await TestClient.ConnectAsync(listener.EndPoint);
        await using var offender = await TestClient.ConnectAsync(listener.EndPoint);
        var first = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1, bodyLength: 100);
        await healthy.SendAsync(first);
        Assert.Equal(first.AsSpan(4).ToArray(), await healthy.ReadFrameAsync());

        var accepted = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 2, bodyLength: 1016);
        var oversize = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 3, bodyLength: 1017);
        await offender.SendAsync(TestFrames.Concat(accepted, oversize));
        var received = await offender.ReadUntilClosedAsync();

        // The frame at the limit is answered, the one above it closes the connection.
        Assert.Equal(accepted, received);
        var second = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 4, bodyLength: 100);
        await healthy.SendAsync(second);
        Assert.Equal(second.AsSpan(4).ToArray(), await healthy.ReadFrameAsync());
        Assert.Equal(1, listener.GetMetrics().FramesRejected);

        // The offender's end closes once the client lets go; the healthy connection stays.
        await offender.DisposeAsync();
        await Eventually.UntilAsync(() => listener.GetMetrics().ConnectionsClosed == 1, () => listener.GetMetrics().ToString());
        Assert.Equal(1, listener.ActiveConnections);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(104_857_601)]
    public async Task ReadLoop_InvalidSizePrefix_ClosesConnection(int size)
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);

        await client.SendAsync(TestFrames.Prefix(size));

        Assert.Empty(await client.ReadUntilClosedAsync());
        await Eventually.UntilAsync(() => listener.GetMetrics().FramesRejected == 1, () => listener.GetMetrics().ToString());
        await AssertEchoWorksAsync(listener);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task ReadLoop_FrameShorterThanRequestHeader_ClosesConnection(int size)
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var valid = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1);

        await client.SendAsync(TestFrames.Concat(valid, TestFrames.Prefix(size), new byte[size]));

        Assert.Equal(valid, await client.ReadUntilClosedAsync());
        Assert.Equal(1, listener.GetMetrics().FramesRejected);
        Assert.Equal(1, listener.GetMetrics().RequestsReceived);
    }

    [Fact]
    public async Task ReadLoop_PeerEndsInsideAFrame_AnswersCompleteFramesAndCloses()
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var valid = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1, bodyLength: 20);
        var truncated = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 2, bodyLength: 500)[..100];

        await client.SendAsync(TestFrames.Concat(valid, truncated));
        client.ShutdownSend();

        Assert.Equal(valid, await client.ReadUntilClosedAsync());
        await Eventually.UntilAsync(() => listener.GetMetrics().ConnectionsClosed == 1, () => listener.GetMetrics().ToString());
        Assert.Equal(0, listener.GetMetrics().FramesRejected);
    }

    [Fact]
    public async Task ReadLoop_PeerEndsWhileARequestIsParked_HandlerCancelledAfterLingerAndConnectionClosed()
    {
        var handler = new DeferredHandler();
        var settings = KafkaListenerSettings.Default with { CloseLingerTimeout = TimeSpan.FromMilliseconds(200) };
        await using var listener = ListenerFixture.Start(handler, settings);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        await client.SendAsync(TestFrames.Request(apiKey: 1, apiVersion: 12, correlationId: 1));
        await Eventually.UntilAsync(() => handler.PendingCount == 1, () => $"pending {handler.PendingCount}");

        // A long poll whose client went away must not hold the connection until its wait ends.
        client.ShutdownSend();

        Assert.Empty(await client.ReadUntilClosedAsync());
        await Eventually.UntilAsync(() => listener.ActiveConnections == 0, () => listener.GetMetrics().ToString());
        Assert.Equal(1, handler.Cancelled);
        Assert.Equal(0, listener.GetMetrics().HandlerFailures);
    }

    [Fact]
    public async Task ReadLoop_PeerEndsAndTheParkedRequestCompletesWithinLinger_ResponseStillWritten()
    {
        var handler = new DeferredHandler();
        var settings = KafkaListenerSettings.Default with { CloseLingerTimeout = TimeSpan.FromSeconds(30) };
        await using var listener = ListenerFixture.Start(handler, settings);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var request = TestFrames.Request(apiKey: 1, apiVersion: 12, correlationId: 1, bodyLength: 10);
        await client.SendAsync(request);
        await Eventually.UntilAsync(() => handler.PendingCount == 1, () => $"pending {handler.PendingCount}");

        client.ShutdownSend();
        Assert.Equal(0, handler.Cancelled);
        handler.TakePending()[0].SetResult();

        Assert.Equal(request, await client.ReadUntilClosedAsync());
        Assert.Equal(0, handler.Cancelled);
    }

    [Theory]
    [InlineData(EchoHandler.ThrowKey)]
    [InlineData(EchoHandler.FaultAsyncKey)]
    public async Task WriteLoop_HandlerFails_EarlierResponsesWrittenThenOnlyThatConnectionCloses(short failingKey)
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());
        await using var other = await TestClient.ConnectAsync(listener.EndPoint);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var before = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1, bodyLength: 10);
        var failing = TestFrames.Request(failingKey, apiVersion: 0, correlationId: 2);
        var after = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 3, bodyLength: 10);

        await client.SendAsync(TestFrames.Concat(before, failing, after));

        Assert.Equal(before, await client.ReadUntilClosedAsync());
        Assert.Equal(1, listener.GetMetrics().HandlerFailures);
        var ping = TestFrames.Request(apiKey: 18, apiVersion: 3, correlationId: 9);
        await other.SendAsync(ping);
        Assert.Equal(ping.AsSpan(4).ToArray(), await other.ReadFrameAsync());
    }

    [Fact]
    public async Task WriteLoop_HandlerReturnsCloseConnection_EarlierResponsesWrittenThenClosed()
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var before = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1, bodyLength: 10);
        var close = TestFrames.Request(EchoHandler.CloseKey, apiVersion: 0, correlationId: 2);
        var after = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 3, bodyLength: 10);

        await client.SendAsync(TestFrames.Concat(before, close, after));

        Assert.Equal(before, await client.ReadUntilClosedAsync());
        Assert.Equal(0, listener.GetMetrics().HandlerFailures);
    }

    [Fact]
    public async Task WriteLoop_ResponseThenClose_ResponseWrittenThenClosed()
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var last = TestFrames.Request(EchoHandler.EchoThenCloseKey, apiVersion: 0, correlationId: 2, bodyLength: 3);
        var after = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 3, bodyLength: 10);

        await client.SendAsync(TestFrames.Concat(last, after));

        Assert.Equal(last, await client.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task ConnectionContext_AbortFromHandler_ClosesConnectionAndFiresToken()
    {
        KafkaConnectionContext? context = null;
        var handler = new DelegateHandler((request, connection) =>
        {
            context = connection;
            connection.Abort();
            return EchoHandler.Echo(request);
        });
        await using var listener = ListenerFixture.Start(handler);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);

        await client.SendAsync(TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 1));

        Assert.Empty(await client.ReadUntilClosedAsync());
        Assert.NotNull(context);
        Assert.True(context.ConnectionClosed.IsCancellationRequested);
        Assert.Equal(1, context.ConnectionId);
        Assert.NotNull(context.RemoteEndPoint);
    }
}
