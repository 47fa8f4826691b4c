using Xunit.Abstractions;

namespace ActorStream.ClientCompat.Tests;

/// <summary>What clients meet right after a node says it is up, while its actors still recover.</summary>
public sealed class NodeStartupTests
{
    private const int Topics = 200;

    private readonly ITestOutputHelper _output;

    public NodeStartupTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Restart_ClientsReconnectRightAway_EveryMetadataRequestIsAnswered()
    {
        ClientEnvironment.RequireKcat();
        var workDir = Directory.CreateTempSubdirectory("actorstream-compat-restart-").FullName;
        try
        {
            await using (var first = await NodeProcess.StartAsync("", workDir: workDir))
            {
                var created = await new ScenarioRunner(first, _output).KafkaPythonAsync("create_topics", new { prefix = "restart", count = Topics });
                Assert.Equal(Topics, created.Single("created").GetProperty("count").GetInt32());
            }

            // Applications reconnect the moment the node is back: bare Metadata requests first, kcat right behind.
            await using var node = await NodeProcess.StartAsync("", waitUntilServing: false, workDir: workDir);
            var run = new ScenarioRunner(node, _output);
            var started = TimeProvider.System.GetTimestamp();
            var bare = Enumerable.Range(0, 8).Select(_ => MetadataProbe.TryRoundTripAsync(node.Bootstrap, TimeSpan.FromSeconds(10))).ToList();
            var kcat = Enumerable.Range(0, 4).Select(_ => run.KcatRawAsync(["-L", "-J", "-m", "10"], timeout: TimeSpan.FromSeconds(30))).ToList();
            var answered = await Task.WhenAll(bare);
            var listed = await Task.WhenAll(kcat);
            var elapsed = TimeProvider.System.GetElapsedTime(started);

            Assert.True(answered.All(a => a), $"{answered.Count(a => !a)} of 8 Metadata requests sent right after the restart got no answer within 10 s:\n{node.LogTail()}");
            Assert.All(listed, r =>
            {
                Assert.True(r.ExitCode == 0, $"a kcat bootstrapping right after the restart got no metadata:\n{r.Describe()}\n--- node log ---\n{node.LogTail()}");
                Assert.Equal(Topics, r.JsonLines().Single().GetProperty("topics").GetArrayLength());
            });
            Assert.True(elapsed < TimeSpan.FromSeconds(15), $"metadata took {elapsed.TotalSeconds:F1} s:\n{node.LogTail()}");
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }
}
