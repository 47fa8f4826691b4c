using System.Collections.Immutable;
using ActorStream.Persistence.Journal;
using Xunit;

namespace ActorStream.Persistence.Tck;

public abstract partial class JournalSpec
{
    [Fact]
    public async Task WriteMessages_AtomicWriteOfSeveralEvents_StoresAllOfThem()
    {
        var pid = NewPersistenceId();
        var write = new AtomicWrite(ImmutableArray.Create<IPersistentRepresentation>(Event(pid, 1), Event(pid, 2), Event(pid, 3)));

        AssertAllStored(await Journal.WriteMessagesAsync([write]));

        AssertSequence(await ReplayAsync(pid), pid, 1, 3);
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync(pid, 0));
    }

    [Fact]
    public async Task WriteMessages_PoisonedAtomicWrite_RejectsWholeWriteAndStoresTheOthers()
    {
        var good1 = NewPersistenceId("good1");
        var poisoned = NewPersistenceId("poisoned");
        var good2 = NewPersistenceId("good2");
        var writes = new[]
        {
            new AtomicWrite(ImmutableArray.Create<IPersistentRepresentation>(Event(good1, 1), Event(good1, 2))),
            new AtomicWrite(ImmutableArray.Create<IPersistentRepresentation>(
                Event(poisoned, 1),
                Event(poisoned, 2, new UnserializableEvent("boom")),
                Event(poisoned, 3))),
            new AtomicWrite(Event(good2, 1)),
        };

        var result = await Journal.WriteMessagesAsync(writes);

        Assert.NotNull(result);
        Assert.Equal(3, result.Count);
        Assert.Null(result[0]);
        var rejection = Assert.IsAssignableFrom<Exception>(result[1]);
        Assert.Contains(nameof(UnserializableEvent), rejection.Message, StringComparison.Ordinal);
        Assert.Null(result[2]);

        AssertSequence(await ReplayAsync(good1), good1, 1, 2);
        AssertSequence(await ReplayAsync(good2), good2, 1, 1);
        Assert.Empty(await ReplayAsync(poisoned));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(poisoned, 0));
    }

    [Fact]
    public async Task WriteMessages_DuplicateSequenceNr_RejectsOnlyThatWrite()
    {
        var pid = NewPersistenceId();
        var other = NewPersistenceId("other");
        await WriteAsync(pid, 1, 2);

        var duplicate = new AtomicWrite(ImmutableArray.Create<IPersistentRepresentation>(
            Event(pid, 2, "overwrite-attempt"),
            Event(pid, 3, "overwrite-attempt")));
        var result = await Journal.WriteMessagesAsync([new AtomicWrite(Event(other, 1)), duplicate, new AtomicWrite(Event(other, 2))]);

        Assert.NotNull(result);
        Assert.Null(result[0]);
        Assert.NotNull(result[1]);
        Assert.Null(result[2]);
        AssertSequence(await ReplayAsync(pid), pid, 1, 2);
        AssertSequence(await ReplayAsync(other), other, 1, 2);
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync(pid, 0));
    }

    [Fact]
    public async Task WriteMessages_StorageBroken_FaultsTheTaskInsteadOfRejecting()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 1);

        await BreakStorageAsync(Journal);

        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteMessagesAsync(Writes(pid, 2, 3)));
    }

    [Fact]
    public async Task WriteMessages_ManyIdsConcurrently_EachIdReplaysDenseAndOrdered()
    {
        const int Ids = 50;
        const int EventsPerId = 200;
        var pids = new string[Ids];
        for (var i = 0; i < Ids; i++)
        {
            pids[i] = NewPersistenceId($"c{i}");
        }

        // Each task behaves like a persistent actor: write the next 1-4 events atomically, await the ack, repeat.
        var writers = new Task[Ids];
        for (var i = 0; i < Ids; i++)
        {
            var pid = pids[i];
            var chunk = (i % 4) + 1;
            writers[i] = Task.Run(async () =>
            {
                for (long seq = 1; seq <= EventsPerId; seq += chunk)
                {
                    var last = Math.Min(EventsPerId, seq + chunk - 1);
                    var events = ImmutableArray.CreateBuilder<IPersistentRepresentation>();
                    for (var s = seq; s <= last; s++)
                    {
                        events.Add(Event(pid, s));
                    }

                    AssertAllStored(await Journal.WriteMessagesAsync([new AtomicWrite(events.ToImmutable())]));
                }
            });
        }

        await Task.WhenAll(writers);

        foreach (var pid in pids)
        {
            AssertSequence(await ReplayAsync(pid), pid, 1, EventsPerId);
            Assert.Equal(EventsPerId, await Journal.ReadHighestSequenceNrAsync(pid, 0));
        }
    }

    [Fact]
    public async Task WriteMessages_PipelinedCallsForOneId_BecomeVisibleInCallOrder()
    {
        var pid = NewPersistenceId();
        var calls = new List<Task<IImmutableList<Exception?>?>>();
        var observed = new List<long>();
        for (long seq = 1; seq <= 200; seq++)
        {
            calls.Add(Journal.WriteMessagesAsync([new AtomicWrite(Event(pid, seq))]));
            if (seq % 50 == 0)
            {
                observed.Add(await Journal.ReadHighestSequenceNrAsync(pid, 0));
            }
        }

        foreach (var call in calls)
        {
            AssertAllStored(await call);
        }

        Assert.Equal(new long[] { 50, 100, 150, 200 }, observed);
        AssertSequence(await ReplayAsync(pid), pid, 1, 200);
    }

    [Fact]
    public async Task WriteMessages_OneMiBPayloads_RoundTripByteExact()
    {
        var pid = NewPersistenceId();
        var payloads = new byte[3][];
        var random = new Random(7);
        for (var i = 0; i < payloads.Length; i++)
        {
            payloads[i] = new byte[1 << 20];
            random.NextBytes(payloads[i]);
        }

        var result = await Journal.WriteMessagesAsync([
            new AtomicWrite(ImmutableArray.Create<IPersistentRepresentation>(Event(pid, 1, payloads[0]), Event(pid, 2, payloads[1]))),
            new AtomicWrite(Event(pid, 3, payloads[2])),
        ]);
        AssertAllStored(result);

        var events = await ReplayAsync(pid);
        Assert.Equal(3, events.Count);
        for (var i = 0; i < payloads.Length; i++)
        {
            var bytes = Assert.IsType<byte[]>(events[i].Payload);
            Assert.True(payloads[i].AsSpan().SequenceEqual(bytes), $"payload {i + 1} differs after the round trip");
        }
    }

    [Fact]
    public async Task WriteMessages_MemorySlicePayload_StoresExactlyTheSlice()
    {
        var pid = NewPersistenceId();
        var buffer = new byte[4096];
        new Random(3).NextBytes(buffer);
        var slice = new ReadOnlyMemory<byte>(buffer, 1000, 1500);

        AssertAllStored(await Journal.WriteMessagesAsync([new AtomicWrite(Event(pid, 1, slice)), new AtomicWrite(Event(pid, 2, Array.Empty<byte>()))]));

        var events = await ReplayAsync(pid);
        Assert.Equal(2, events.Count);
        Assert.True(slice.Span.SequenceEqual(Assert.IsType<byte[]>(events[0].Payload)));
        Assert.Empty(Assert.IsType<byte[]>(events[1].Payload));
    }

    [Fact]
    public async Task WriteMessages_PrimitivePayloads_RoundTripWithTheirTypes()
    {
        var pid = NewPersistenceId();

        AssertAllStored(await Journal.WriteMessagesAsync([
            new AtomicWrite(Event(pid, 1, 42)),
            new AtomicWrite(Event(pid, 2, 42L)),
            new AtomicWrite(Event(pid, 3, string.Empty)),
            new AtomicWrite(Event(pid, 4, "héllo wörld")),
        ]));

        var events = await ReplayAsync(pid);
        Assert.Equal([42, 42L, string.Empty, "héllo wörld"], events.ConvertAll(e => e.Payload));
    }

    [Fact]
    public async Task WriteMessages_ExplicitTimestamp_IsKept()
    {
        var pid = NewPersistenceId();
        var e = Event(pid, 1) with { Timestamp = 1_700_000_000_123 };

        AssertAllStored(await Journal.WriteMessagesAsync([new AtomicWrite(e)]));

        Assert.Equal(1_700_000_000_123, Assert.Single(await ReplayAsync(pid)).Timestamp);
    }

    [Fact]
    public async Task WriteMessages_EmptyCall_ReturnsAllStored()
    {
        AssertAllStored(await Journal.WriteMessagesAsync(Array.Empty<AtomicWrite>()));
    }

    [Fact]
    public async Task WriteMessages_RejectionResult_NamesTheUnboundType()
    {
        var pid = NewPersistenceId();

        var result = await Journal.WriteMessagesAsync([new AtomicWrite(Event(pid, 1, new UnserializableEvent("x")))]);

        Assert.NotNull(result);
        var error = Assert.Single(result);
        Assert.IsType<Serialization.SerializerNotFoundException>(error);
        Assert.Contains(typeof(UnserializableEvent).FullName!, error!.Message, StringComparison.Ordinal);
        Assert.IsNotType<WriteRejectedException>(error);
    }
}
