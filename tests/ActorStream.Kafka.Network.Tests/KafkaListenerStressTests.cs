using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using ActorStream.Kafka.Network.Tests.Support;
using Xunit.Abstractions;

namespace ActorStream.Kafka.Network.Tests;

[Collection(NonParallelCollection.Name)]
public sealed class KafkaListenerStressTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ReadLoop_SizePrefixClaiming2GB_ClosedPromptlyWithoutAllocatingTheBody()
    {
        await using var listener = ListenerFixture.Start(new EchoHandler());
        await using var warmup = await TestClient.ConnectAsync(listener.EndPoint);
        await warmup.SendAsync(TestFrames.Request(0, 9, 1));
        Assert.NotNull(await warmup.ReadFrameAsync());
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();

        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        await client.SendAsync(TestFrames.Prefix(int.MaxValue));
        var received = await client.ReadUntilClosedAsync(TimeSpan.FromSeconds(5));

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"closed after {elapsed.TotalMilliseconds:F1} ms, {allocated} bytes allocated process-wide");
        Assert.Empty(received);
        Assert.InRange(allocated, 0, 16 * 1024 * 1024);
        Assert.Equal(1, listener.GetMetrics().FramesRejected);
    }

    [Fact]
    public async Task ReadLoop_SteadyStateEcho_AllocatesNothingPerRequest()
    {
        const int batch = 16;
        const int bodyLength = 200;
        await using var listener = ListenerFixture.Start(new EchoHandler());
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var request = new byte[batch * (12 + bodyLength)];
        for (var i = 0; i < batch; i++)
        {
            TestFrames.Request(0, 9, i, bodyLength).CopyTo(request, i * (12 + bodyLength));
        }

        var responses = new byte[request.Length];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        async Task RoundsAsync(int rounds)
        {
            for (var r = 0; r < rounds; r++)
            {
                await client.SendAsync(request, timeout.Token);
                Assert.True(await client.ReadExactlyOrEndAsync(responses, timeout.Token));
            }
        }

        await RoundsAsync(500);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        const int rounds = 2000;
        await RoundsAsync(rounds);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var perRequest = (double)allocated / (rounds * batch);
        output.WriteLine($"{allocated} bytes allocated process-wide for {rounds * batch} requests: {perRequest:F2} bytes/request (client side included)");
        Assert.Equal(request, responses);
        Assert.True(perRequest < 16, $"{perRequest:F2} bytes allocated per request");
    }

    [Fact]
    [Trait("Category", "Performance")]
    public async Task ReadLoop_100KbFramesPipelined_ThroughputReported()
    {
        const int frameBody = 100 * 1024;
        const int frames = 4000;
        var ack = new byte[] { 0, 0, 0, 0, 0, 0 };
        var handler = new DelegateHandler((_, _) => KafkaResponse.FromMemory(ack));
        await using var listener = ListenerFixture.Start(handler);
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var frame = TestFrames.Request(0, 9, 1, frameBody - 8);

        var reading = Task.Run(async () =>
        {
            var buffer = new byte[4 + ack.Length];
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            for (var i = 0; i < frames; i++)
            {
                Assert.True(await client.ReadExactlyOrEndAsync(buffer, cts.Token));
            }
        });
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < frames; i++)
        {
            await client.SendAsync(frame);
        }

        await reading;
        var elapsed = Stopwatch.GetElapsedTime(started);
        var bytes = (long)frames * frame.Length;
        output.WriteLine($"{bytes / 1_000_000.0:F0} MB in {elapsed.TotalMilliseconds:F0} ms: {bytes / elapsed.TotalSeconds / 1_000_000_000.0:F2} GB/s of 100 KiB frames (client and listener share the machine)");
        Assert.Equal(frames, listener.GetMetrics().RequestsReceived);
        Assert.Equal(bytes, listener.GetMetrics().BytesReceived);
    }

    [Fact]
    public async Task ReadLoop_Fuzz100kRandomAndMutatedFrames_OnlyOffendersClosedAndMemoryBounded()
    {
        const int targetFrames = 100_000;
        const int maxFrameBytes = 64 * 1024;
        const int workers = 8;
        var settings = KafkaListenerSettings.Default with { SocketRequestMaxBytes = maxFrameBytes, CloseLingerTimeout = TimeSpan.FromSeconds(2) };
        var handler = new EchoHandler { HonourSpecialKeys = false };
        await using var listener = ListenerFixture.Start(handler, settings);
        await TestHealthAsync(listener);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var framesSent = 0;
        var totals = new FuzzTotals();
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var seed = 7919 * (w + 1);
            tasks[w] = Task.Run(async () =>
            {
                var random = new Random(seed);
                var connection = 0;
                while (Volatile.Read(ref framesSent) < targetFrames)
                {
                    var plan = FuzzPlan.Create(random, maxFrameBytes);
                    Interlocked.Add(ref framesSent, plan.FrameCount);
                    await RunConnectionAsync(listener, plan, $"seed {seed} connection {connection++}");
                    totals.Add(plan);
                }
            });
        }

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(5));
        await Eventually.UntilAsync(() => listener.ActiveConnections == 0, () => listener.GetMetrics().ToString());
        await TestHealthAsync(listener);
        await Eventually.UntilAsync(() => listener.ActiveConnections == 0, () => listener.GetMetrics().ToString());
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);

        var metrics = listener.GetMetrics();
        output.WriteLine($"{framesSent} frames over {totals.Connections} connections ({totals.Rejected} rejected frames, {totals.Truncated} truncated, {totals.Healthy} healthy); memory {memoryBefore / 1e6:F1} MB -> {memoryAfter / 1e6:F1} MB; {metrics}");
        Assert.True(framesSent >= targetFrames);
        Assert.Equal(totals.Rejected, metrics.FramesRejected);
        Assert.Equal(totals.Requests + 2, metrics.RequestsReceived);
        Assert.Equal(totals.Connections + 2, metrics.ConnectionsAccepted);
        Assert.Equal(metrics.ConnectionsAccepted, metrics.ConnectionsClosed);
        Assert.Equal(0, metrics.HandlerFailures);
        Assert.Equal(0, metrics.ConnectionsRejected);
        Assert.True(totals.Rejected > 100 && totals.Truncated > 10 && totals.Healthy > 10, "the generator must produce every kind of connection");
        Assert.InRange(memoryAfter - memoryBefore, long.MinValue, 200L * 1024 * 1024);
    }

    private static async Task TestHealthAsync(KafkaListener listener)
    {
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var request = TestFrames.Request(18, 3, 123, bodyLength: 50);
        await client.SendAsync(request);
        Assert.Equal(request.AsSpan(4).ToArray(), await client.ReadFrameAsync());
    }

    /// <summary>Sends the plan's bytes while reading, and checks the listener's answer against the plan's oracle.</summary>
    private static async Task RunConnectionAsync(KafkaListener listener, FuzzPlan plan, string name)
    {
        await using var client = await TestClient.ConnectAsync(listener.EndPoint);
        var sending = Task.Run(async () =>
        {
            try
            {
                await client.SendAsync(plan.Bytes);
                if (!plan.StaysOpen)
                {
                    client.ShutdownSend();
                }
            }
            catch (IOException)
            {
                // The listener may close an offending connection before all of its bytes are sent.
            }
        });

        if (plan.StaysOpen)
        {
            var echoed = new byte[plan.EchoedLength];
            using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
            Assert.True(await client.ReadExactlyOrEndAsync(echoed, cts.Token), $"{name}: closed early");
            Assert.True(echoed.AsSpan().SequenceEqual(plan.Bytes.AsSpan(0, plan.EchoedLength)), $"{name}: echo differs");
            await sending;
            var ping = TestFrames.Request(18, 3, -1);
            await client.SendAsync(ping);
            Assert.Equal(ping.AsSpan(4).ToArray(), await client.ReadFrameAsync());
        }
        else
        {
            var received = await client.ReadUntilClosedAsync();
            await sending;
            Assert.True(received.AsSpan().SequenceEqual(plan.Bytes.AsSpan(0, plan.EchoedLength)), $"{name}: expected {plan.EchoedLength} echoed bytes, got {received.Length}");
        }
    }

    private sealed class FuzzTotals
    {
        private long _connections;
        private long _rejected;
        private long _truncated;
        private long _healthy;
        private long _requests;

        public long Connections => Volatile.Read(ref _connections);

        public long Rejected => Volatile.Read(ref _rejected);

        public long Truncated => Volatile.Read(ref _truncated);

        public long Healthy => Volatile.Read(ref _healthy);

        public long Requests => Volatile.Read(ref _requests);

        public void Add(FuzzPlan plan)
        {
            Interlocked.Increment(ref _connections);
            Interlocked.Add(ref _requests, plan.Requests + (plan.StaysOpen ? 1 : 0));
            switch (plan.Outcome)
            {
                case FrameStatus.SizeInvalid or FrameStatus.TooShort:
                    Interlocked.Increment(ref _rejected);
                    break;
                case FrameStatus.NeedMoreData:
                    Interlocked.Increment(ref _truncated);
                    break;
                default:
                    Interlocked.Increment(ref _healthy);
                    break;
            }
        }
    }

    /// <summary>
    /// One connection's byte stream: well-formed frames, maybe one mutation, maybe more frames after it. The
    /// oracle replays the listener's framing rules over the stream: every complete, well-sized frame before the
    /// first bad one is echoed, in order, and the connection closes at the first bad size or at a truncated end.
    /// </summary>
    private sealed class FuzzPlan
    {
        public required byte[] Bytes { get; init; }

        public required int FrameCount { get; init; }

        public int EchoedLength { get; private set; }

        public int Requests { get; private set; }

        /// <summary>Complete when the stream ends on a frame boundary, else the first failure.</summary>
        public FrameStatus Outcome { get; private set; }

        public bool StaysOpen => Outcome == FrameStatus.Complete;

        public static FuzzPlan Create(Random random, int maxFrameBytes)
        {
            var stream = new ArrayBufferWriter<byte>();
            var frames = random.Next(1, 300);
            var mutateAt = random.Next(4) == 0 ? -1 : random.Next(frames);
            for (var i = 0; i < frames; i++)
            {
                if (i == mutateAt)
                {
                    WriteMutation(random, stream, maxFrameBytes);
                }
                else
                {
                    WriteFrame(random, stream, i);
                }
            }

            var bytes = stream.WrittenSpan;
            if (random.Next(8) == 0)
            {
                // The peer goes away somewhere in its stream, often inside a frame.
                bytes = bytes[..random.Next(1, bytes.Length + 1)];
            }

            var plan = new FuzzPlan { Bytes = bytes.ToArray(), FrameCount = frames };
            plan.Replay(maxFrameBytes);
            return plan;
        }

        private void Replay(int maxFrameBytes)
        {
            var buffer = new ReadOnlySequence<byte>(Bytes);
            while (true)
            {
                var status = FrameReader.TryReadFrame(ref buffer, maxFrameBytes, out _, out _);
                if (status != FrameStatus.Complete)
                {
                    Outcome = status == FrameStatus.NeedMoreData && buffer.IsEmpty ? FrameStatus.Complete : status;
                    EchoedLength = Bytes.Length - (int)buffer.Length;
                    return;
                }

                Requests++;
            }
        }

        private static void WriteFrame(Random random, ArrayBufferWriter<byte> stream, int correlationId)
        {
            var body = random.Next(10) == 0 ? random.Next(0, 20_000) : random.Next(0, 600);
            var span = stream.GetSpan(12 + body)[..(12 + body)];
            BinaryPrimitives.WriteInt32BigEndian(span, 8 + body);
            BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)random.Next(0, 80));
            BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)random.Next(0, 16));
            BinaryPrimitives.WriteInt32BigEndian(span[8..], correlationId);
            random.NextBytes(span[12..]);
            stream.Advance(12 + body);
        }

        private static void WriteMutation(Random random, ArrayBufferWriter<byte> stream, int maxFrameBytes)
        {
            var span = stream.GetSpan(64 * 1024);
            int written;
            switch (random.Next(7))
            {
                case 0: // random prefix and random bytes
                    written = 4 + random.Next(0, 200);
                    random.NextBytes(span[..written]);
                    break;
                case 1: // huge prefix
                    BinaryPrimitives.WriteInt32BigEndian(span, random.Next(maxFrameBytes + 1, int.MaxValue));
                    written = 4 + random.Next(0, 100);
                    random.NextBytes(span[4..written]);
                    break;
                case 2: // negative prefix
                    BinaryPrimitives.WriteInt32BigEndian(span, random.Next(int.MinValue, 0));
                    written = 4;
                    break;
                case 3: // shorter than a request header
                    var size = random.Next(0, 8);
                    BinaryPrimitives.WriteInt32BigEndian(span, size);
                    written = 4 + size;
                    break;
                case 4: // a valid prefix whose body never fully arrives
                    var declared = random.Next(8, maxFrameBytes + 1);
                    BinaryPrimitives.WriteInt32BigEndian(span, declared);
                    written = 4 + random.Next(0, Math.Min(declared, 60_000));
                    break;
                case 5: // a well-formed frame with flipped bytes, the prefix included
                    var body = random.Next(0, 300);
                    BinaryPrimitives.WriteInt32BigEndian(span, 8 + body);
                    random.NextBytes(span.Slice(4, 8 + body));
                    written = 12 + body;
                    for (var flips = random.Next(1, 4); flips > 0; flips--)
                    {
                        span[random.Next(0, Math.Min(written, 6))] ^= (byte)random.Next(1, 256);
                    }

                    break;
                default: // garbage
                    written = random.Next(1, 300);
                    random.NextBytes(span[..written]);
                    break;
            }

            stream.Advance(written);
        }
    }
}
