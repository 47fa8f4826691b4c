using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorStream.Kafka.Network.Tests.Support;

namespace ActorStream.Kafka.Network.Tests;

public sealed partial class KafkaListenerTests
{
    [Fact]
    public async Task Start_EphemeralPort_ExposesBoundEndPointAndAdvertisedAddress()
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());

        Assert.Equal(IPAddress.Loopback, listener.EndPoint.Address);
        Assert.NotEqual(0, listener.EndPoint.Port);
        Assert.Equal("127.0.0.1", listener.AdvertisedHost);
        Assert.Equal(listener.EndPoint.Port, listener.AdvertisedPort);
    }

    [Fact]
    public async Task Start_AdvertisedSettings_OverrideBoundAddress()
    {
        var settings = KafkaListenerSettings.Default with { AdvertisedHost = "broker-1.example", AdvertisedPort = 19092 };
        await using var listener = ListenerFixture.Start(new EchoHandler(), settings);

        Assert.Equal("broker-1.example", listener.AdvertisedHost);
        Assert.Equal(19092, listener.AdvertisedPort);
    }

    [Fact]
    public async Task Start_Twice_Throws()
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());

        Assert.Throws<InvalidOperationException>(listener.Start);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(70_000)]
    [InlineData(1_000_000)]
    public async Task HandleAsync_EchoHandler_ResponseCarriesTheRequestFrameBytes(int bodyLength)
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var request = TestFrames.Request(apiKey: 3, apiVersion: 12, correlationId: 42, bodyLength);

        await client.SendAsync(request);
        var response = await client.ReadFrameAsync();

        Assert.NotNull(response);
        Assert.Equal(request.AsSpan(4).ToArray(), response);
    }

    [Fact]
    public async Task HandleAsync_FrameHeader_ExposesApiKeyVersionAndCorrelationId()
    {
        var seen = new TaskCompletionSource<(short, short, int, int, long, byte[])>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler((request, _) =>
        {
            seen.TrySetResult((request.ApiKey, request.ApiVersion, request.CorrelationId, request.Length, request.RequestNumber, request.Sequence.ToArray()));
            return KafkaResponse.NoResponse;
        });
        await using var listener = ListenerFixture.Start(handler);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var request = TestFrames.Request(apiKey: 18, apiVersion: 3, correlationId: -7, bodyLength: 5);

        await client.SendAsync(request);
        var (apiKey, apiVersion, correlationId, length, number, bytes) = await seen.Task.WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal((short)18, apiKey);
        Assert.Equal((short)3, apiVersion);
        Assert.Equal(-7, correlationId);
        Assert.Equal(13, length);
        Assert.Equal(0, number);
        Assert.Equal(request.AsSpan(4).ToArray(), bytes);
    }

    [Fact]
    public async Task HandleAsync_ThousandPipelinedRequestsCompletedInRandomOrder_ResponsesArriveInRequestOrder()
    {
        const int count = 1000;
        var handler = new DeferredHandler();
        await using var listener = ListenerFixture.Start(handler);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var frames = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            frames[i] = TestFrames.Request(apiKey: 1, apiVersion: 11, correlationId: i, bodyLength: i % 97);
        }

        await client.SendAsync(TestFrames.Concat(frames));
        var reading = ReadResponsesAsync(client, count);
        var random = new Random(1234);
        var released = 0;
        while (released < count)
        {
            await Eventually.UntilAsync(() => handler.PendingCount > 0, () => $"released {released}, outstanding {handler.Outstanding}");
            var batch = handler.TakePending();
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch));
            var completions = new List<Task>(batch.Count);
            foreach (var gate in batch)
            {
                var delay = random.Next(0, 3);
                completions.Add(Task.Run(async () =>
                {
                    await Task.Delay(delay);
                    gate.SetResult();
                }));
            }

            await Task.WhenAll(completions);
            released += batch.Count;
        }

        var responses = await reading;
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(frames[i].AsSpan(4).ToArray(), responses[i]);
        }

        Assert.InRange(handler.MaxOutstanding, 2, KafkaListenerSettings.Default.MaxInFlightRequestsPerConnection);
    }

    [Fact]
    public async Task HandleAsync_NoResponseRequestsInterleaved_OnlyAnsweredRequestsRespondInOrder()
    {
        var handler = new DeferredHandler();
        await using var listener = ListenerFixture.Start(handler);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var frames = new List<byte[]>();
        var answered = new List<byte[]>();
        for (var i = 0; i < 60; i++)
        {
            var noResponse = i % 3 != 0;
            var frame = TestFrames.Request(noResponse ? EchoHandler.NoResponseKey : (short)0, apiVersion: 9, correlationId: i, bodyLength: 16);
            frames.Add(frame);
            if (!noResponse)
            {
                answered.Add(frame);
            }
        }

        await client.SendAsync(TestFrames.Concat([.. frames]));
        var reading = ReadResponsesAsync(client, answered.Count);
        await Eventually.UntilAsync(() => handler.PendingCount == frames.Count, () => $"pending {handler.PendingCount}");
        var gates = handler.TakePending();
        for (var i = gates.Count - 1; i >= 0; i--)
        {
            gates[i].SetResult();
        }

        var responses = await reading;
        for (var i = 0; i < answered.Count; i++)
        {
            Assert.Equal(answered[i].AsSpan(4).ToArray(), responses[i]);
        }

        // Nothing was written for the acks=0 style requests: the next response is the ping's.
        var ping = TestFrames.Request(apiKey: 18, apiVersion: 0, correlationId: 1000);
        await client.SendAsync(ping);
        await Eventually.UntilAsync(() => handler.PendingCount == 1, () => $"pending {handler.PendingCount}");
        handler.TakePending()[0].SetResult();
        Assert.Equal(ping.AsSpan(4).ToArray(), await client.ReadFrameAsync());
    }

    [Fact]
    public async Task HandleAsync_InFlightLimitReached_StopsReadingUntilResponsesDrain()
    {
        var handler = new DeferredHandler();
        var settings = KafkaListenerSettings.Default with { MaxInFlightRequestsPerConnection = 10 };
        await using var listener = ListenerFixture.Start(handler, settings);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var frames = new byte[50][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: i, bodyLength: 8);
        }

        await client.SendAsync(TestFrames.Concat(frames));
        await Eventually.UntilAsync(() => handler.PendingCount == 10, () => $"pending {handler.PendingCount}");

        Assert.Equal(10, listener.GetMetrics().RequestsReceived);
        Assert.Equal(10, handler.Outstanding);

        var reading = ReadResponsesAsync(client, frames.Length);
        var released = 0;
        while (released < frames.Length)
        {
            await Eventually.UntilAsync(() => handler.PendingCount > 0, () => $"released {released}");
            foreach (var gate in handler.TakePending())
            {
                gate.SetResult();
                released++;
            }
        }

        var responses = await reading;
        Assert.Equal(frames.Length, responses.Count);
        Assert.Equal(10, handler.MaxOutstanding);
    }

    [Fact]
    public async Task DetachBuffer_HandlerTakesTheFrame_BytesStayOwnedByTheHandler()
    {
        var detached = new TaskCompletionSource<IMemoryOwner<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDetachFailed = false;
        var handler = new DelegateHandler((request, _) =>
        {
            var owner = request.DetachBuffer();
            secondDetachFailed = Assert.Throws<InvalidOperationException>(() => request.DetachBuffer()) is not null;
            detached.SetResult(owner);
            return KafkaResponse.FromMemory(new byte[] { 0, 0, 0, 1 });
        });
        await using var listener = ListenerFixture.Start(handler);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var request = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 5, bodyLength: 300);

        await client.SendAsync(request);
        Assert.Equal(new byte[] { 0, 0, 0, 1 }, await client.ReadFrameAsync());

        // Other requests on the connection rent and return buffers; the detached one must not be among them.
        for (var i = 0; i < 20; i++)
        {
            await client.SendAsync(TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: 100 + i, bodyLength: 300));
            await client.ReadFrameAsync();
        }

        using var owner = await detached.Task;
        Assert.True(secondDetachFailed);
        Assert.Equal(request.AsSpan(4).ToArray(), owner.Memory.ToArray());
    }

    [Fact]
    public async Task GetMetrics_AfterTraffic_CountsRequestsBytesAndConnections()
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());
        long expectedBytes = 0;
        await using (var client = await TestClient.ConnectAsync(listener.EndPoint))
        {
            for (var i = 0; i < 10; i++)
            {
                var frame = TestFrames.Request(apiKey: 0, apiVersion: 9, correlationId: i, bodyLength: i * 10);
                expectedBytes += frame.Length;
                await client.SendAsync(frame);
                Assert.NotNull(await client.ReadFrameAsync());
            }

            await client.SendAsync(TestFrames.Request(EchoHandler.NoResponseKey, 9, 10));
            expectedBytes += 12;
            await Eventually.UntilAsync(() => listener.GetMetrics().RequestsReceived == 11, () => listener.GetMetrics().ToString());
        }

        await Eventually.UntilAsync(() => listener.GetMetrics().ConnectionsClosed == 1, () => listener.GetMetrics().ToString());
        var metrics = listener.GetMetrics();
        Assert.Equal(1, metrics.ConnectionsAccepted);
        Assert.Equal(0, metrics.ActiveConnections);
        Assert.Equal(11, metrics.RequestsReceived);
        Assert.Equal(10, metrics.ResponsesSent);
        Assert.Equal(expectedBytes, metrics.BytesReceived);
        Assert.Equal(expectedBytes - 12, metrics.BytesSent);
        Assert.Equal(0, metrics.FramesRejected);
        Assert.Equal(0, metrics.HandlerFailures);
    }

    internal static async Task<List<byte[]>> ReadResponsesAsync(TestClient client, int count)
    {
        var responses = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var response = await client.ReadFrameAsync() ?? throw new EndOfStreamException($"closed after {i} of {count} responses");
            responses.Add(response);
        }

        return responses;
    }

    internal static int CorrelationIdOf(byte[] frame) => BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4));

    internal static async Task AssertEchoWorksAsync(KafkaListener listener, int correlationId = 77)
    {
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var request = TestFrames.Request(apiKey: 18, apiVersion: 3, correlationId, bodyLength: 10);
        await client.SendAsync(request);
        Assert.Equal(request.AsSpan(4).ToArray(), await client.ReadFrameAsync());
    }

    internal static async Task AssertRefusedAsync(IPEndPoint endPoint)
    {
        // The listening socket closes shortly after StopAsync starts; until then the kernel still completes connects.
        var deadline = Stopwatch.GetTimestamp() + (long)(Eventually.DefaultTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(endPoint);
            }
            catch (SocketException)
            {
                return;
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, "connects were still accepted");
            await Task.Delay(5);
        }
    }
}
