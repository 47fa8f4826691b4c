namespace ActorStream.Client.Admin;

/// <summary>Options of AlterConsumerGroupOffsetsAsync.</summary>
public sealed class AlterConsumerGroupOffsetsOptions : AdminOptions
{
}
