using System.Globalization;
using ActorStream.Client.Admin;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client;

/// <content>Configs: describe, alter, incremental alter. Broker resources go to that broker, topics to any broker.</content>
public sealed partial class AdminClient
{
    /// <inheritdoc />
    public async Task<List<DescribeConfigsResult>> DescribeConfigsAsync(IEnumerable<ConfigResource> resources, DescribeConfigsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = Distinct(resources, "Resource");
        var results = await CallPerItemAsync("DescribeConfigs", options, list,
            (pending, _, token) => FanOutAsync(ByNode(pending, NodeFor), (node, items) => DescribeConfigsOnAsync(node, items, options, token),
                static (resource, error) => new DescribeConfigsReport(resource, [], error)),
            static r => r.Error, IsRetriableRouting, static (resource, error) => new DescribeConfigsReport(resource, [], error), cancellationToken).ConfigureAwait(false);

        var reports = new List<DescribeConfigsReport>(list.Count);
        var described = new List<DescribeConfigsResult>(list.Count);
        var failed = false;
        foreach (var resource in list)
        {
            var report = results[resource];
            reports.Add(report);
            described.Add(new DescribeConfigsResult(resource, report.Entries));
            failed |= report.Error.IsError;
        }

        return failed ? throw new DescribeConfigsException(reports) : described;
    }

    /// <inheritdoc />
    public Task AlterConfigsAsync(Dictionary<ConfigResource, List<ConfigEntry>> configs, AlterConfigsOptions? options = null, CancellationToken cancellationToken = default) =>
        AlterAsync(configs, options, incremental: false, cancellationToken);

    /// <inheritdoc />
    public Task IncrementalAlterConfigsAsync(Dictionary<ConfigResource, List<ConfigEntry>> configs, AlterConfigsOptions? options = null, CancellationToken cancellationToken = default) =>
        AlterAsync(configs, options, incremental: true, cancellationToken);

    private async Task AlterAsync(Dictionary<ConfigResource, List<ConfigEntry>> configs, AlterConfigsOptions? options, bool incremental, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var list = new List<ConfigResource>(configs.Keys);
        var operation = incremental ? "IncrementalAlterConfigs" : "AlterConfigs";
        var results = await CallPerItemAsync(operation, options, list,
            (pending, _, token) => FanOutAsync(ByNode(pending, NodeFor), (node, items) => incremental
                    ? IncrementalAlterOnAsync(node, items, configs, options, token)
                    : AlterOnAsync(node, items, configs, options, token),
                static (resource, error) => new AlterConfigsReport(resource, error)),
            static r => r.Error, IsRetriableRouting, static (resource, error) => new AlterConfigsReport(resource, error), cancellationToken).ConfigureAwait(false);

        var reports = new List<AlterConfigsReport>(list.Count);
        var failed = false;
        foreach (var resource in list)
        {
            reports.Add(results[resource]);
            failed |= results[resource].Error.IsError;
        }

        if (failed)
        {
            throw new AlterConfigsException(reports);
        }
    }

    private async Task<Dictionary<ConfigResource, DescribeConfigsReport>> DescribeConfigsOnAsync(int node, List<ConfigResource> resources, DescribeConfigsOptions? options, CancellationToken token)
    {
        var response = await SendForResourcesAsync<DescribeConfigsResponse>(node, ApiKey.DescribeConfigs, _ =>
        {
            var request = new DescribeConfigsRequest { IncludeSynonyms = options?.IncludeSynonyms ?? false, IncludeDocumentation = options?.IncludeDocumentation ?? false };
            foreach (var resource in resources)
            {
                request.Resources.Add(new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = (sbyte)resource.Type, ResourceName = resource.Name, ConfigurationKeys = null });
            }

            return request;
        }, token).ConfigureAwait(false);

        var answered = new Dictionary<ConfigResource, DescribeConfigsReport>();
        foreach (var result in response.Results)
        {
            var resource = new ConfigResource { Type = (ResourceType)result.ResourceType, Name = result.ResourceName };
            var entries = new Dictionary<string, ConfigEntryResult>(result.Configs.Count, StringComparer.Ordinal);
            foreach (var config in result.Configs)
            {
                var synonyms = new List<ConfigSynonym>(config.Synonyms.Count);
                foreach (var synonym in config.Synonyms)
                {
                    synonyms.Add(new ConfigSynonym(synonym.Name, synonym.Value, (ConfigSource)synonym.Source));
                }

                // v0 reports is_default; v1+ reports the source (-1 when the broker did not say).
                var source = config.ConfigSource >= 0 ? (ConfigSource)config.ConfigSource : config.IsDefault ? ConfigSource.DefaultConfig : ConfigSource.UnknownConfig;
                entries[config.Name] = new ConfigEntryResult(config.Name, config.Value, config.IsDefault || source == ConfigSource.DefaultConfig,
                    config.ReadOnly, config.IsSensitive, source, synonyms, string.IsNullOrEmpty(config.Documentation) ? null : config.Documentation);
            }

            answered[resource] = new DescribeConfigsReport(resource, entries, KafkaError.FromBroker(result.ErrorCode, string.IsNullOrEmpty(result.ErrorMessage) ? null : result.ErrorMessage));
        }

        return answered;
    }

    private async Task<Dictionary<ConfigResource, AlterConfigsReport>> AlterOnAsync(int node, List<ConfigResource> resources, Dictionary<ConfigResource, List<ConfigEntry>> configs,
        AlterConfigsOptions? options, CancellationToken token)
    {
        var response = await SendForResourcesAsync<AlterConfigsResponse>(node, ApiKey.AlterConfigs, _ =>
        {
            var request = new AlterConfigsRequest { ValidateOnly = options?.ValidateOnly ?? false };
            foreach (var resource in resources)
            {
                var entry = new AlterConfigsRequest.AlterConfigsResource { ResourceType = (sbyte)resource.Type, ResourceName = resource.Name };
                foreach (var config in configs[resource])
                {
                    entry.Configs.Add(new AlterConfigsRequest.AlterableConfig { Name = config.Name, Value = config.Value });
                }

                request.Resources.Add(entry);
            }

            return request;
        }, token).ConfigureAwait(false);

        var answered = new Dictionary<ConfigResource, AlterConfigsReport>();
        foreach (var result in response.Responses)
        {
            var resource = new ConfigResource { Type = (ResourceType)result.ResourceType, Name = result.ResourceName };
            answered[resource] = new AlterConfigsReport(resource, KafkaError.FromBroker(result.ErrorCode, string.IsNullOrEmpty(result.ErrorMessage) ? null : result.ErrorMessage));
        }

        return answered;
    }

    private async Task<Dictionary<ConfigResource, AlterConfigsReport>> IncrementalAlterOnAsync(int node, List<ConfigResource> resources, Dictionary<ConfigResource, List<ConfigEntry>> configs,
        AlterConfigsOptions? options, CancellationToken token)
    {
        var response = await SendForResourcesAsync<IncrementalAlterConfigsResponse>(node, ApiKey.IncrementalAlterConfigs, _ =>
        {
            var request = new IncrementalAlterConfigsRequest { ValidateOnly = options?.ValidateOnly ?? false };
            foreach (var resource in resources)
            {
                var entry = new IncrementalAlterConfigsRequest.AlterConfigsResource { ResourceType = (sbyte)resource.Type, ResourceName = resource.Name };
                foreach (var config in configs[resource])
                {
                    entry.Configs.Add(new IncrementalAlterConfigsRequest.AlterableConfig { Name = config.Name, Value = config.Value, ConfigOperation = (sbyte)config.IncrementalOperation });
                }

                request.Resources.Add(entry);
            }

            return request;
        }, token).ConfigureAwait(false);

        var answered = new Dictionary<ConfigResource, AlterConfigsReport>();
        foreach (var result in response.Responses)
        {
            var resource = new ConfigResource { Type = (ResourceType)result.ResourceType, Name = result.ResourceName };
            answered[resource] = new AlterConfigsReport(resource, KafkaError.FromBroker(result.ErrorCode, string.IsNullOrEmpty(result.ErrorMessage) ? null : result.ErrorMessage));
        }

        return answered;
    }

    /// <summary>Broker resources are answered by that broker; everything else by any broker (node -1 here).</summary>
    private static int NodeFor(ConfigResource resource) =>
        resource.Type is ResourceType.Broker or ResourceType.BrokerLogger
        && int.TryParse(resource.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && resource.Name.Length > 0
            ? id
            : -1;

    private async Task<TResponse> SendForResourcesAsync<TResponse>(int node, ApiKey apiKey, Func<short, IKafkaRequest> build, CancellationToken token)
        where TResponse : class, IKafkaResponse
    {
        if (node < 0)
        {
            return (await _cluster.SendToAnyAsync<TResponse>(apiKey, build, token).ConfigureAwait(false)).Response;
        }

        if (!_cluster.TryResolve(node, out _))
        {
            await _cluster.RefreshMetadataAsync([], cancellationToken: token).ConfigureAwait(false);
            if (!_cluster.TryResolve(node, out _))
            {
                throw new KafkaException(Unreachable(node));
            }
        }

        return await _cluster.SendAsync<TResponse>(node, apiKey, build, null, token).ConfigureAwait(false);
    }
}
