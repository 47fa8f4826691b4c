using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Kafka;

/// <summary>
/// Maps Kafka requests onto API handlers: checks the version against what the broker advertises,
/// decodes, calls the handler and encodes its response. A frame that cannot be served (unknown API,
/// unsupported version, malformed body) closes only its connection, as Kafka does; an ApiVersions
/// request with a version that is too new gets UNSUPPORTED_VERSION in a v0 response so the client can
/// retry with a version both sides know. Thread-safe: handlers are shared by every connection.
/// </summary>
public sealed partial class KafkaRequestDispatcher : IKafkaRequestHandler
{
    private readonly IApiHandler?[] _handlers = new IApiHandler?[128];
    private readonly ILogger _logger;

    public KafkaRequestDispatcher(IEnumerable<IApiHandler> handlers, ILogger<KafkaRequestDispatcher>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        foreach (var handler in handlers)
        {
            _handlers[(int)handler.ApiKey] = handler;
        }

        _handlers[(int)ApiKey.ApiVersions] ??= new ApiVersionsHandler();
    }

    public ValueTask<KafkaResponse> HandleAsync(KafkaRequestFrame request, KafkaConnectionContext connection, CancellationToken cancellationToken)
    {
        var apiKey = (ApiKey)request.ApiKey;
        var version = request.ApiVersion;
        if (!ApiVersionTable.IsSupported(apiKey, version))
        {
            if (apiKey == ApiKey.ApiVersions)
            {
                return ValueTask.FromResult(KafkaResponses.Encode(request.CorrelationId, ApiKey.ApiVersions, 0, ApiVersionsHandler.BuildResponse(ErrorCode.UnsupportedVersion)));
            }

            Log.UnsupportedApi(_logger, connection.ConnectionId, request.ApiKey, version);
            return ValueTask.FromResult(KafkaResponse.CloseConnection);
        }

        var handler = (uint)request.ApiKey < (uint)_handlers.Length ? _handlers[request.ApiKey] : null;
        if (handler is null)
        {
            Log.UnsupportedApi(_logger, connection.ConnectionId, request.ApiKey, version);
            return ValueTask.FromResult(KafkaResponse.CloseConnection);
        }

        IKafkaRequest decoded;
        RequestHeader header;
        try
        {
            decoded = KafkaFrame.ReadRequest(request.Memory, out header);
        }
        catch (KafkaProtocolException e)
        {
            Log.MalformedRequest(_logger, connection.ConnectionId, apiKey, version, e.Message);
            return ValueTask.FromResult(KafkaResponse.CloseConnection);
        }

        var pending = handler.HandleAsync(header, decoded, connection, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? ValueTask.FromResult(ToResponse(header, pending.Result))
            : AwaitAsync(header, pending);
    }

    private static async ValueTask<KafkaResponse> AwaitAsync(RequestHeader header, ValueTask<IKafkaMessage?> pending)
        => ToResponse(header, await pending.ConfigureAwait(false));

    private static KafkaResponse ToResponse(RequestHeader header, IKafkaMessage? body)
        => body is null ? KafkaResponse.NoResponse : KafkaResponses.Encode(header.CorrelationId, header.ApiKey, header.ApiVersion, body);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: API key {ApiKey} version {ApiVersion} is not supported; closing the connection")]
        public static partial void UnsupportedApi(ILogger logger, long connectionId, short apiKey, short apiVersion);

        [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: malformed {ApiKey} v{ApiVersion} request ({Reason}); closing the connection")]
        public static partial void MalformedRequest(ILogger logger, long connectionId, ApiKey apiKey, short apiVersion, string reason);
    }
}
