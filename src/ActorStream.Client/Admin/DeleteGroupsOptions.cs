namespace ActorStream.Client.Admin;

/// <summary>Options of DeleteGroupsAsync.</summary>
public sealed class DeleteGroupsOptions : AdminOptions
{
}
