using ActorStream.Client;
using ActorStream.Client.Admin;
using ActorStream.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorStream.Hosting.Tests;

/// <summary>The Microsoft.Extensions.Hosting registrations with a real host: start, produce and consume through injected clients, stop, restart.</summary>
public sealed class ActorStreamServiceCollectionExtensionsTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AddActorStreamNode_HostStartStopRestart_InjectedClientsWorkAndDataSurvives()
    {
        using (var host = BuildHost())
        {
            await host.StartAsync();
            var node = host.Services.GetRequiredService<ActorStreamNode>();
            Assert.True(node.IsRunning);
            Assert.Equal(Path.GetFullPath(_dir.Path), node.DataDirectory);

            var admin = host.Services.GetRequiredService<IAdminClient>();
            await admin.CreateTopicsAsync([new TopicSpecification { Name = "hosted", NumPartitions = 2, ReplicationFactor = 1 }]);
            var producer = host.Services.GetRequiredService<IProducer<string, string>>();
            for (var i = 0; i < 10; i++)
            {
                var result = await producer.ProduceAsync(new TopicPartition("hosted", i % 2), new Message<string, string> { Key = "k" + i, Value = "v" + i });
                Assert.Equal(i / 2, result.Offset.Value);
            }

            var consumer = host.Services.GetRequiredService<IConsumer<string, string>>();
            consumer.Subscribe("hosted");
            var received = Records.ConsumeExactly(consumer, 10, s_timeout);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => "v" + i).Order(), received.Select(r => r.Message.Value).Order());
            consumer.Commit(received.GroupBy(r => r.Partition.Value).Select(g => new TopicPartitionOffset("hosted", g.Key, g.Max(r => r.Offset.Value) + 1)));

            using var stopping = new CancellationTokenSource(s_timeout);
            await host.StopAsync(stopping.Token);
            Assert.False(node.IsRunning);
            Assert.True(node.WhenTerminated.IsCompleted);
        }

        using (var host = BuildHost())
        {
            await host.StartAsync();
            var producer = host.Services.GetRequiredService<IProducer<string, string>>();
            var next = await producer.ProduceAsync(new TopicPartition("hosted", 0), new Message<string, string> { Key = "k10", Value = "v10" });
            Assert.Equal(5, next.Offset.Value); // the five records of the first run are still there

            var consumer = host.Services.GetRequiredService<IConsumer<string, string>>();
            consumer.Subscribe("hosted");
            var resumed = Records.ConsumeExactly(consumer, 1, s_timeout);
            Assert.Equal("v10", Assert.Single(resumed).Message.Value); // the group resumed after its commit
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddActorStreamProducer_WithBootstrapServers_UsesTheNetwork()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddActorStreamNode(o =>
        {
            o.DataDirectory = _dir.Path;
            o.EnableKafkaListener = true;
            o.KafkaListenerAddress = "127.0.0.1:0";
        });
        builder.Services.AddActorStreamProducer<Null, string>(c =>
        {
            c.BootstrapServers = "127.0.0.1:1"; // nothing listens there
            c.MaxBlockMs = 500;
        });
        using var host = builder.Build();
        await host.StartAsync();

        var producer = host.Services.GetRequiredService<IProducer<Null, string>>();
        var error = await Assert.ThrowsAsync<ProduceException<Null, string>>(() => producer.ProduceAsync("network", new Message<Null, string> { Value = "x" }));

        // In process the topic would have been auto-created; over the network nothing answers.
        Assert.Equal(LocalErrorCode.UnknownTopic, error.Error.LocalCode);
        await host.StopAsync();
    }

    [Fact]
    public void AddActorStreamProducer_NoNodeAndNoBootstrapServers_Throws()
    {
        var services = new ServiceCollection();
        services.AddActorStreamProducer<Null, string>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IProducer<Null, string>>());

        Assert.Contains("AddActorStreamNode", error.Message, StringComparison.Ordinal);
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddActorStreamNode(o => o.DataDirectory = _dir.Path);
        builder.Services.AddActorStreamAdminClient();
        builder.Services.AddActorStreamProducer<string, string>(c => c.LingerMs = 1);
        builder.Services.AddActorStreamConsumer<string, string>(c =>
        {
            c.GroupId = "hosted-group";
            c.AutoOffsetReset = AutoOffsetReset.Earliest;
            c.EnableAutoCommit = false;
        });
        return builder.Build();
    }
}
