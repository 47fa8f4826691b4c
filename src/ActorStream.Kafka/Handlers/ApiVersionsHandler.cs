using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Handlers;

/// <summary>ApiVersions: advertises exactly the API versions this broker implements (ApiVersionTable).</summary>
public sealed class ApiVersionsHandler : IApiHandler
{
    public ApiKey ApiKey => ApiKey.ApiVersions;

    /// <summary>The response listing every supported range; also used for UNSUPPORTED_VERSION answers.</summary>
    public static ApiVersionsResponse BuildResponse(ErrorCode error)
    {
        var response = new ApiVersionsResponse { ErrorCode = (short)error };
        foreach (var range in ApiVersionTable.Supported)
        {
            response.ApiKeys.Add(new ApiVersionsResponse.ApiVersion { ApiKey = (short)range.ApiKey, MinVersion = range.MinVersion, MaxVersion = range.MaxVersion });
        }

        return response;
    }

    public ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
        => ValueTask.FromResult<IKafkaMessage?>(BuildResponse(ErrorCode.None));
}
