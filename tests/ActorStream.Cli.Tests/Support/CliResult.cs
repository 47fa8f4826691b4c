namespace ActorStream.Cli.Tests.Support;

/// <summary>What one run of the command line produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
