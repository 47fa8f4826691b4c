using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Kafka.Tests;

public sealed class InitProducerIdHandlerTests : BrokerNodeTestBase
{
    internal static InitProducerIdRequest Request(string? transactionalId = null, long producerId = -1, short epoch = -1) =>
        new() { TransactionalId = transactionalId, TransactionTimeoutMs = 60000, ProducerId = producerId, ProducerEpoch = epoch };

    internal static byte[] IdempotentBatch(long producerId, short epoch, int baseSequence, int count)
    {
        using var builder = new RecordBatchBuilder { ProducerId = producerId, ProducerEpoch = epoch, BaseSequence = baseSequence };
        for (var i = 0; i < count; i++)
        {
            builder.Append(1_700_000_000_000 + i, null, System.Text.Encoding.UTF8.GetBytes($"idem-{baseSequence + i}"));
        }

        return builder.Build();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task HandleAsync_NoTransactionalId_NewIdWithEpochZero(short version)
    {
        var response = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, version, Request());

        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        Assert.True(response.ProducerId >= 0);
        Assert.Equal(0, response.ProducerEpoch);
    }

    [Fact]
    public async Task HandleAsync_ManyProducers_IdsAreUniqueAndIncreasing()
    {
        var ids = new List<long>();
        for (var i = 0; i < 25; i++)
        {
            var response = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, Request());
            Assert.Equal((short)ErrorCode.None, response.ErrorCode);
            ids.Add(response.ProducerId);
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order().ToArray(), ids.ToArray());
    }

    [Fact]
    public async Task HandleAsync_HeldIdAndEpoch_BumpsTheEpochOfTheSameId()
    {
        var first = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, Request());

        var bumped = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 3, Request(producerId: first.ProducerId, epoch: first.ProducerEpoch));

        Assert.Equal((short)ErrorCode.None, bumped.ErrorCode);
        Assert.Equal(first.ProducerId, bumped.ProducerId);
        Assert.Equal(1, bumped.ProducerEpoch);
    }

    [Fact]
    public async Task HandleAsync_IdNeverIssued_NewIdInstead()
    {
        var response = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, Request(producerId: 987_654_321, epoch: 3));

        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        Assert.NotEqual(987_654_321, response.ProducerId);
        Assert.Equal(0, response.ProducerEpoch);
    }

    [Fact]
    public async Task HandleAsync_ExhaustedEpoch_NewIdInstead()
    {
        var first = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, Request());

        var response = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, Request(producerId: first.ProducerId, epoch: short.MaxValue - 1));

        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        Assert.True(response.ProducerId > first.ProducerId);
        Assert.Equal(0, response.ProducerEpoch);
    }

    [Theory]
    [InlineData(5, -1)]
    [InlineData(-1, 2)]
    public async Task HandleAsync_OnlyIdOrOnlyEpoch_InvalidRequest(long producerId, short epoch)
    {
        var response = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, Request(producerId: producerId, epoch: epoch));

        Assert.Equal((short)ErrorCode.InvalidRequest, response.ErrorCode);
        Assert.Equal(-1, response.ProducerId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task HandleAsync_TransactionalId_UnsupportedVersionBecauseTransactionsAreNotSupported(short version)
    {
        var response = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, version, Request(transactionalId: "tx-1"));

        Assert.Equal((short)ErrorCode.UnsupportedVersion, response.ErrorCode);
        Assert.Equal(-1, response.ProducerId);
        Assert.Equal(-1, response.ProducerEpoch);
    }

    [Fact]
    public async Task HandleAsync_IssuedId_ProducesIdempotentlyAndBumpedEpochRestartsSequences()
    {
        var init = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, Request());
        var first = await ProduceAsync("idempotent", 0, IdempotentBatch(init.ProducerId, init.ProducerEpoch, 0, 3));
        var duplicate = await ProduceAsync("idempotent", 0, IdempotentBatch(init.ProducerId, init.ProducerEpoch, 0, 3));
        var gap = await ProduceAsync("idempotent", 0, IdempotentBatch(init.ProducerId, init.ProducerEpoch, 7, 1));
        var bump = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, Request(producerId: init.ProducerId, epoch: init.ProducerEpoch));
        var afterBump = await ProduceAsync("idempotent", 0, IdempotentBatch(bump.ProducerId, bump.ProducerEpoch, 0, 2));
        var stale = await ProduceAsync("idempotent", 0, IdempotentBatch(init.ProducerId, init.ProducerEpoch, 3, 1));

        Assert.Equal((short)ErrorCode.None, first!.ErrorCode);
        Assert.Equal(0, first.BaseOffset);
        Assert.Equal((short)ErrorCode.None, duplicate!.ErrorCode);
        Assert.Equal(0, duplicate.BaseOffset);
        Assert.Equal((short)ErrorCode.OutOfOrderSequenceNumber, gap!.ErrorCode);
        Assert.Equal((short)ErrorCode.None, afterBump!.ErrorCode);
        Assert.Equal(3, afterBump.BaseOffset);
        Assert.Equal((short)ErrorCode.InvalidProducerEpoch, stale!.ErrorCode);
    }
}
