using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>Guarantee: messages from one sender to one receiver arrive in the order they were sent.</summary>
public sealed class MessageOrderingTests : TestKit.Xunit2.TestKit
{
    private sealed record Numbered(int Sender, int Sequence);

    private sealed record Report;

    private sealed record OrderReport(int Received, int Violations, int[] LastPerSender);

    private sealed record SendAll(IActorRef Target, int Id, int Count);

    private sealed class Checker : ReceiveActor
    {
        private readonly int[] _last;
        private int _received;
        private int _violations;

        public Checker(int senders)
        {
            _last = Enumerable.Repeat(-1, senders).ToArray();
            Receive<Numbered>(n =>
            {
                if (n.Sequence != _last[n.Sender] + 1)
                {
                    _violations++;
                }

                _last[n.Sender] = n.Sequence;
                _received++;
            });
            Receive<Report>(_ => Sender.Tell(new OrderReport(_received, _violations, (int[])_last.Clone())));
        }
    }

    private sealed class NumberSender : ReceiveActor
    {
        public NumberSender()
        {
            Receive<SendAll>(s =>
            {
                for (var i = 0; i < s.Count; i++)
                {
                    s.Target.Tell(new Numbered(s.Id, i));
                }

                Sender.Tell("sent");
            });
        }
    }

    [Fact]
    public async Task Tell_SeveralActorSendersTenThousandEach_EachSendersOrderIsKept()
    {
        const int senders = 4;
        const int count = 10_000;
        var checker = Sys.ActorOf(Props.Create(() => new Checker(senders)));
        for (var s = 0; s < senders; s++)
        {
            Sys.ActorOf(Props.Create(() => new NumberSender())).Tell(new SendAll(checker, s, count));
        }

        ReceiveN(senders, TimeSpan.FromSeconds(10));
        var report = await checker.Ask<OrderReport>(new Report(), TimeSpan.FromSeconds(10));
        Assert.Equal(senders * count, report.Received);
        Assert.Equal(0, report.Violations);
        Assert.All(report.LastPerSender, last => Assert.Equal(count - 1, last));
    }

    [Fact]
    public async Task Tell_SeveralThreadsTenThousandEach_EachThreadsOrderIsKept()
    {
        const int senders = 4;
        const int count = 10_000;
        for (var round = 0; round < 3; round++)
        {
            var checker = Sys.ActorOf(Props.Create(() => new Checker(senders)));
            var tasks = new Task[senders];
            for (var s = 0; s < senders; s++)
            {
                var id = s;
                tasks[s] = Task.Run(() =>
                {
                    for (var i = 0; i < count; i++)
                    {
                        checker.Tell(new Numbered(id, i), ActorRefs.NoSender);
                    }
                });
            }

            await Task.WhenAll(tasks);
            var report = await checker.Ask<OrderReport>(new Report(), TimeSpan.FromSeconds(10));
            Assert.Equal(senders * count, report.Received);
            Assert.Equal(0, report.Violations);
        }
    }
}
