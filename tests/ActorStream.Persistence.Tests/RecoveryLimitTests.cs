using ActorStream.Actor;
using ActorStream.Configuration;

namespace ActorStream.Persistence.Tests;

/// <summary>Recovery is paced by permits and retried, then given up with OnRecoveryFailure.</summary>
public sealed class RecoveryLimitTests : TestKit.Xunit2.TestKit
{
    private static readonly string s_faultsId = Guid.NewGuid().ToString("N");

    public RecoveryLimitTests()
        : base(ConfigurationFactory.ParseString($$"""
            actorstream.persistence {
              journal.plugin = "flaky-journal"
              max-concurrent-recoveries = 2
              recovery { retries = 2, retry-backoff = 10ms }
            }
            flaky-journal {
              class = "ActorStream.Persistence.Tests.FlakyJournal+Provider, ActorStream.Persistence.Tests"
              id = "{{s_faultsId}}"
            }
            """))
    {
    }

    private sealed class Counter : ReceivePersistentActor
    {
        private int _count;

        public Counter(string id, IActorRef probe)
        {
            PersistenceId = id;
            Recover<int>(n => _count += n);
            Recover<RecoveryCompleted>(_ => probe.Tell($"{PersistenceId}={_count}"));
            Command<int>(n => Persist(n, e =>
            {
                _count += e;
                Sender.Tell(_count);
            }));
        }

        public override string PersistenceId { get; }

        protected override void OnRecoveryFailure(Exception reason, object? message = null) => Context.System.EventStream.Publish($"recovery-failed:{PersistenceId}");
    }

    [Fact]
    public void ManyActors_WithTwoPermits_AllRecoverAndAtMostTwoReplayAtOnce()
    {
        var faults = FlakyJournal.For(s_faultsId);
        var probe = CreateTestProbe();
        var ids = Enumerable.Range(0, 20).Select(i => $"counter-{i}").ToList();
        foreach (var id in ids)
        {
            Sys.ActorOf(Props.Create(() => new Counter(id, probe)));
        }

        var recovered = probe.ReceiveN(20, TimeSpan.FromSeconds(10)).Cast<string>().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ids.Select(id => $"{id}=0").Order(StringComparer.Ordinal), recovered);
        Assert.InRange(faults.MaxConcurrentReplays, 1, 2);
    }

    /// <summary>
    /// Actors stopped while holding a permit, or while queued for one, must give it back: otherwise the
    /// permits pass to actors that are gone and no persistent actor started later ever recovers.
    /// </summary>
    [Fact]
    public void ActorsStoppedDuringRecovery_ReturnTheirPermits_LaterActorsStillRecover()
    {
        var faults = FlakyJournal.For(s_faultsId);
        var probe = CreateTestProbe();
        faults.HoldReplays();
        var stopped = new List<IActorRef>();
        for (var i = 0; i < 12; i++)
        {
            var id = $"stopped-{i}";
            var actor = Sys.ActorOf(Props.Create(() => new Counter(id, probe)));
            Watch(actor);
            stopped.Add(actor);
        }

        // The queued ones first, so the holders' permits pass to actors that are already gone.
        stopped.Reverse();
        foreach (var actor in stopped)
        {
            Sys.Stop(actor);
            ExpectTerminated(actor);
        }

        faults.LetReplaysRun();
        var survivor = Sys.ActorOf(Props.Create(() => new Counter("survivor", probe)));
        probe.FishForMessage<string>(s => s == "survivor=0", TimeSpan.FromSeconds(10));
        survivor.Tell(5, TestActor);
        ExpectMsg(5);
    }

    [Fact]
    public void RecoveryFailure_BeyondRetries_CallsOnRecoveryFailureAndStops()
    {
        var faults = FlakyJournal.For(s_faultsId);
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(string));
        faults.FailNextReplays(100);
        var actor = Sys.ActorOf(Props.Create(() => new Counter("doomed", probe)));
        Watch(actor);
        probe.FishForMessage<string>(s => s == "recovery-failed:doomed");
        ExpectTerminated(actor);
        faults.FailNextReplays(0);
    }
}
