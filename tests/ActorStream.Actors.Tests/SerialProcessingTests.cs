using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>Guarantee: an actor handles one message at a time, however many threads send to it.</summary>
public sealed class SerialProcessingTests : TestKit.Xunit2.TestKit
{
    private sealed record Report;

    private sealed record Counts(int Total, int Overlaps, int MaxInside);

    private sealed class OverlapDetector : ReceiveActor
    {
        private int _inside;
        private int _overlaps;
        private int _maxInside;
        private int _total;

        public OverlapDetector()
        {
            Receive<int>(_ =>
            {
                var now = Interlocked.Increment(ref _inside);
                if (now > 1)
                {
                    Interlocked.Increment(ref _overlaps);
                }

                _maxInside = Math.Max(_maxInside, now);
                Thread.SpinWait(20);
                _total++;
                Interlocked.Decrement(ref _inside);
            });
            Receive<Report>(_ => Sender.Tell(new Counts(_total, _overlaps, _maxInside)));
        }
    }

    [Fact]
    public async Task Tell_ConcurrentSendersFromManyThreads_HandlerNeverOverlapsAndCountsEveryMessage()
    {
        const int threads = 8;
        const int perThread = 5_000;
        for (var round = 0; round < 3; round++)
        {
            var actor = Sys.ActorOf(Props.Create(() => new OverlapDetector()));
            using var start = new ManualResetEventSlim(false);
            var senders = new Task[threads];
            for (var t = 0; t < threads; t++)
            {
                senders[t] = Task.Factory.StartNew(
                    () =>
                    {
                        start.Wait(TimeSpan.FromSeconds(10));
                        for (var i = 0; i < perThread; i++)
                        {
                            actor.Tell(i, ActorRefs.NoSender);
                        }
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
            }

            start.Set();
            await Task.WhenAll(senders);
            var counts = await actor.Ask<Counts>(new Report(), TimeSpan.FromSeconds(10));
            Assert.Equal(threads * perThread, counts.Total);
            Assert.Equal(0, counts.Overlaps);
            Assert.Equal(1, counts.MaxInside);
        }
    }
}
