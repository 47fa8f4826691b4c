using System.Buffers.Binary;
using System.Net.Sockets;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Tests.Fuzz;

namespace ActorStream.Kafka.Tests;

/// <content>The fuzz connections: plans of sampled and mutated frames, and the checks of what comes back.</content>
public sealed partial class KafkaRequestDispatcherFuzzTests
{
    private const int ProbeCorrelationId = int.MaxValue;
    private const int SamplesPerVersion = 8;

    private static readonly TimeSpan s_readDeadline = TimeSpan.FromSeconds(2);

    private static readonly MutationKind[] s_inFrameMutations =
    [
        MutationKind.Truncated, MutationKind.BitFlips, MutationKind.HugeCount, MutationKind.BadVarint,
        MutationKind.Header, MutationKind.Garbage, MutationKind.CorruptBatch,
    ];

    private async Task RunWorkerAsync(int seed, FuzzTotals totals, IReadOnlySet<ApiKey> handled)
    {
        var random = new Random(seed);
        var worker = new Worker(random, new RequestSampler(random), new FrameMutator(random), handled);
        var connection = 0;
        while (totals.Frames < TargetFrames)
        {
            var frames = worker.Plan();
            totals.AddFrames(frames.Count);
            await RunConnectionAsync(frames, totals, handled, $"seed {seed} connection {connection++}");
        }
    }

    /// <summary>
    /// Sends the frames (then an ApiVersions probe, or a half-close when the last frame desynchronises the stream)
    /// while reading responses. Every response must answer a frame that was sent, in order, and decode at that
    /// frame's version; a decodable Produce with corrupt batches must not succeed anywhere. A connection without
    /// mutations, using only APIs with a handler, must be served to the end.
    /// </summary>
    private async Task RunConnectionAsync(List<FuzzFrame> frames, FuzzTotals totals, IReadOnlySet<ApiKey> handled, string name)
    {
        var desync = frames[^1].Mutation is MutationKind.LengthTooLong or MutationKind.LengthTooShort;
        var stream = new List<byte>();
        foreach (var frame in frames)
        {
            stream.AddRange(frame.Bytes);
        }

        if (!desync)
        {
            stream.AddRange(RequestSampler.Encode(ApiKey.ApiVersions, 3, ProbeCorrelationId, new ApiVersionsRequest { ClientSoftwareName = "fuzz", ClientSoftwareVersion = "1" }));
        }

        using var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(Listener.EndPoint).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            totals.Fail($"{name}: the node did not accept the connection within 10 s");
            return;
        }

        var network = client.GetStream();
        using var deadline = new CancellationTokenSource(s_readDeadline);
        var reading = ReadResponsesAsync(network, frames, desync, totals, name, deadline.Token);
        try
        {
            await network.WriteAsync(stream.ToArray(), deadline.Token);
            if (desync)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The node closed an offending connection before it had all of its bytes.
        }

        var (outcome, answered) = await reading;
        totals.Count("connections " + outcome);
        if (outcome == ConnectionOutcome.Stalled && answered + 1 < frames.Count)
        {
            var waiting = frames[answered + 1];
            totals.Count($"stalled behind {waiting.ApiKey} v{waiting.ApiVersion} {waiting.Mutation}");
        }

        var clean = true;
        var allHandled = true;
        foreach (var frame in frames)
        {
            clean &= frame.Mutation == MutationKind.None;
            allHandled &= handled.Contains(frame.ApiKey);
            totals.Count("mutation " + frame.Mutation);
        }

        // A JoinGroup may legitimately park until the group's other members rejoin; nothing else may hold a
        // well-formed connection.
        var parkedJoin = outcome == ConnectionOutcome.Stalled && answered + 1 < frames.Count && frames[answered + 1].ApiKey == ApiKey.JoinGroup;
        if (clean && allHandled && outcome != ConnectionOutcome.ProbeAnswered && !parkedJoin)
        {
            totals.Fail($"{name}: a well-formed connection ended {outcome}" + (answered + 1 < frames.Count ? $" behind {frames[answered + 1].ApiKey} v{frames[answered + 1].ApiVersion}" : string.Empty));
        }
    }

    private static async Task<(ConnectionOutcome Outcome, int Answered)> ReadResponsesAsync(NetworkStream network, List<FuzzFrame> frames, bool desync, FuzzTotals totals, string name, CancellationToken cancellationToken)
    {
        var index = new Dictionary<int, int>();
        for (var i = 0; i < frames.Count; i++)
        {
            if (!index.TryAdd(frames[i].CorrelationId, i))
            {
                index[frames[i].CorrelationId] = -1; // a header mutation made two ids equal: not checkable
            }
        }

        var last = -1;
        var size = new byte[4];
        try
        {
            while (true)
            {
                if (await network.ReadAtLeastAsync(size, 4, throwOnEndOfStream: false, cancellationToken) < 4)
                {
                    return (ConnectionOutcome.ClosedByNode, last);
                }

                var body = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
                if (await network.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken) < body.Length)
                {
                    totals.Fail($"{name}: the node closed the connection inside a response frame");
                    return (ConnectionOutcome.ClosedByNode, last);
                }

                var correlationId = BinaryPrimitives.ReadInt32BigEndian(body);
                if (correlationId == ProbeCorrelationId)
                {
                    return (ConnectionOutcome.ProbeAnswered, last);
                }

                if (!index.TryGetValue(correlationId, out var i))
                {
                    if (!desync)
                    {
                        totals.Fail($"{name}: a response with correlation id {correlationId}, which no request carried");
                    }

                    continue;
                }

                if (i < 0)
                {
                    continue;
                }

                if (i <= last)
                {
                    totals.Fail($"{name}: the response to request {i} came after the one to request {last}");
                }

                last = i;
                CheckResponse(frames[i], body, totals, name);
            }
        }
        catch (OperationCanceledException)
        {
            return (ConnectionOutcome.Stalled, last);
        }
        catch (IOException)
        {
            return (ConnectionOutcome.ClosedByNode, last);
        }
    }

    private static void CheckResponse(FuzzFrame frame, byte[] body, FuzzTotals totals, string name)
    {
        var version = frame.ApiKey == ApiKey.ApiVersions && !ApiVersionTable.IsSupported(ApiKey.ApiVersions, frame.ApiVersion) ? (short)0 : frame.ApiVersion;
        IKafkaResponse response;
        try
        {
            response = KafkaFrame.ReadResponse(body, frame.ApiKey, version, out _);
        }
        catch (Exception e) when (e is KafkaProtocolException or ArgumentException or InvalidOperationException)
        {
            totals.Fail($"{name}: the {frame.ApiKey} v{frame.ApiVersion} response ({frame.Mutation}) does not decode: {e.Message}");
            return;
        }

        totals.Count("responses");
        if (frame.Mutation == MutationKind.None)
        {
            totals.Count("served " + frame.ApiKey);
        }

        if (frame.Mutation == MutationKind.CorruptBatch && response is ProduceResponse produce)
        {
            foreach (var topic in produce.Responses)
            {
                foreach (var partition in topic.PartitionResponses)
                {
                    totals.Count($"corrupt produce answered {(ErrorCode)partition.ErrorCode}");
                    if (partition.ErrorCode == (short)ErrorCode.None)
                    {
                        totals.Fail($"{name}: a corrupt batch for {topic.Name}-{partition.Index} was accepted at offset {partition.BaseOffset}");
                    }
                }
            }
        }
    }

    /// <summary>
    /// One worker's generator of connection plans: 1–40 frames of advertised APIs, three in ten connections
    /// without any mutation, otherwise one frame in five mutated. Frames of advertised APIs without a handler
    /// (which close the connection) and size-prefix mutations (which desynchronise the stream) come only last,
    /// so that the frames before them are served. Not thread-safe.
    /// </summary>
    private sealed class Worker
    {
        private readonly Dictionary<(ApiKey, short, bool), List<byte[]>> _samples = [];
        private readonly Random _random;
        private readonly RequestSampler _sampler;
        private readonly FrameMutator _mutator;
        private readonly List<ApiVersionRange> _handled = [];
        private readonly List<ApiVersionRange> _unhandled = [];

        public Worker(Random random, RequestSampler sampler, FrameMutator mutator, IReadOnlySet<ApiKey> handled)
        {
            _random = random;
            _sampler = sampler;
            _mutator = mutator;
            foreach (var range in ApiVersionTable.Supported)
            {
                (handled.Contains(range.ApiKey) ? _handled : _unhandled).Add(range);
            }
        }

        public List<FuzzFrame> Plan()
        {
            var random = _random;
            var count = random.Next(1, 41);
            var clean = random.Next(10) < 3;
            var frames = new List<FuzzFrame>(count);
            for (var i = 0; i < count; i++)
            {
                var last = i == count - 1;
                var range = last && _unhandled.Count > 0 && random.Next(5) == 0
                    ? _unhandled[random.Next(_unhandled.Count)]
                    : _handled[random.Next(_handled.Count)];
                var kind = MutationKind.None;
                if (!clean && last && random.Next(20) == 0)
                {
                    kind = random.Next(2) == 0 ? MutationKind.LengthTooLong : MutationKind.LengthTooShort;
                }
                else if (!clean && random.Next(100) < 20)
                {
                    kind = s_inFrameMutations[random.Next(s_inFrameMutations.Length)];
                }

                if (kind == MutationKind.CorruptBatch)
                {
                    ApiVersionTable.TryGet(ApiKey.Produce, out range);
                }

                var apiKey = range.ApiKey;
                var version = (short)random.Next(range.MinVersion, range.MaxVersion + 1);
                var bytes = (byte[])Sample(apiKey, version, kind == MutationKind.CorruptBatch).Clone();
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), i + 1);
                if (kind is not (MutationKind.None or MutationKind.CorruptBatch))
                {
                    bytes = _mutator.Mutate(bytes, kind, ApiVersionTable.IsFlexible(apiKey, version));
                }

                // What the node will read as the header (a header mutation changes it).
                if (bytes.Length >= 12)
                {
                    apiKey = (ApiKey)BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(4));
                    version = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(6));
                }

                var correlationId = bytes.Length >= 12 ? BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)) : -1 - i;
                frames.Add(new FuzzFrame(bytes, apiKey, version, correlationId, kind));
            }

            return frames;
        }

        private byte[] Sample(ApiKey apiKey, short version, bool corruptBatches)
        {
            if (!_samples.TryGetValue((apiKey, version, corruptBatches), out var samples))
            {
                samples = [];
                _samples[(apiKey, version, corruptBatches)] = samples;
            }

            if (samples.Count < SamplesPerVersion)
            {
                var random = _random;
                var request = _sampler.Create(apiKey);
                if (corruptBatches)
                {
                    var produce = (ProduceRequest)request;
                    produce.Acks = random.Next(2) == 0 ? (short)-1 : (short)1;
                    foreach (var topic in produce.TopicData)
                    {
                        foreach (var partition in topic.PartitionData)
                        {
                            partition.Records = _mutator.Corrupt(_sampler.ValidBatch(), (BatchCorruption)random.Next(6));
                        }
                    }
                }

                samples.Add(RequestSampler.Encode(apiKey, version, 0, request));
            }

            return samples[_random.Next(samples.Count)];
        }
    }
}
