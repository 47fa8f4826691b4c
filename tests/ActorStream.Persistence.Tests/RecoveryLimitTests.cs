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
