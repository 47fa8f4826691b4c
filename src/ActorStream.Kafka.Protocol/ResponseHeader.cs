namespace ActorStream.Kafka.Protocol;

/// <summary>
/// Kafka response header, versions 0-1.
/// <code>
/// v0: correlation_id int32
/// v1: correlation_id int32 | tagged-field section
/// </code>
/// v1 when the API version is flexible, else v0; ApiVersions responses always use v0 (the
/// client must be able to read them before it knows what the broker supports).
/// </summary>
/// <param name="CorrelationId">The correlation id of the request being answered.</param>
public readonly record struct ResponseHeader(int CorrelationId)
{
    /// <summary>Header version of a response of <paramref name="apiKey"/> at <paramref name="apiVersion"/>.</summary>
    public static short HeaderVersion(ApiKey apiKey, short apiVersion) =>
        apiKey != ApiKey.ApiVersions && ApiVersionTable.IsFlexible(apiKey, apiVersion) ? (short)1 : (short)0;

    /// <summary>Encoded size of a header of <paramref name="headerVersion"/>.</summary>
    public static int SizeOf(short headerVersion) => headerVersion >= 1 ? 5 : 4;

    public static ResponseHeader Read(ref KafkaReader reader, short headerVersion)
    {
        int correlationId = reader.ReadInt32();
        if (headerVersion >= 1)
        {
            reader.SkipTaggedFields();
        }

        return new ResponseHeader(correlationId);
    }

    public void Write(ref KafkaWriter writer, short headerVersion)
    {
        writer.WriteInt32(CorrelationId);
        if (headerVersion >= 1)
        {
            writer.WriteEmptyTaggedFields();
        }
    }
}
