namespace ActorStream.Kafka.Protocol;

/// <summary>
/// Kafka request header, versions 0-2.
/// <code>
/// v0: api_key int16 | api_version int16 | correlation_id int32
/// v1: v0 + client_id nullable string, classic int16 length
/// v2: v1 + tagged-field section (client_id stays classic even here)
/// </code>
/// The version follows from the request's API version: v2 when that version is flexible, else
/// v1 (v0 is used only by ControlledShutdown v0, which is not implemented).
/// </summary>
/// <param name="ApiKey">API key (may be a key this codec does not know).</param>
/// <param name="ApiVersion">API version of the body.</param>
/// <param name="CorrelationId">Echoed in the response header.</param>
/// <param name="ClientId">Client id, null when the client sent none.</param>
public readonly record struct RequestHeader(ApiKey ApiKey, short ApiVersion, int CorrelationId, string? ClientId)
{
    /// <summary>Header version of a request of <paramref name="apiKey"/> at <paramref name="apiVersion"/>: 2 if flexible, else 1.</summary>
    public static short HeaderVersion(ApiKey apiKey, short apiVersion) =>
        ApiVersionTable.IsFlexible(apiKey, apiVersion) ? (short)2 : (short)1;

    /// <summary>Reads a header; api key and version come first and decide the header version.</summary>
    public static RequestHeader Read(ref KafkaReader reader)
    {
        var apiKey = (ApiKey)reader.ReadInt16();
        short apiVersion = reader.ReadInt16();
        int correlationId = reader.ReadInt32();
        string? clientId = reader.ReadNullableString(compact: false);
        if (HeaderVersion(apiKey, apiVersion) >= 2)
        {
            reader.SkipTaggedFields();
        }

        return new RequestHeader(apiKey, apiVersion, correlationId, clientId);
    }

    /// <summary>Writes the header in the version its API version calls for.</summary>
    public void Write(ref KafkaWriter writer)
    {
        writer.WriteInt16((short)ApiKey);
        writer.WriteInt16(ApiVersion);
        writer.WriteInt32(CorrelationId);
        writer.WriteNullableString(ClientId, compact: false);
        if (HeaderVersion(ApiKey, ApiVersion) >= 2)
        {
            writer.WriteEmptyTaggedFields();
        }
    }

    /// <summary>Encoded size of the header.</summary>
    public int ComputeSize() =>
        8 + KafkaWriter.SizeOfNullableString(ClientId, compact: false) + (HeaderVersion(ApiKey, ApiVersion) >= 2 ? 1 : 0);
}
