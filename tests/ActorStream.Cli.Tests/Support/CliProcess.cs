using System.Diagnostics;
using ActorStream.Node.Tests.Support;

namespace ActorStream.Cli.Tests.Support;

/// <summary>Runs <c>dotnet actorstream.dll ARGS</c> as a child process and captures its output.</summary>
internal static class CliProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<CliResult> RunAsync(string? bootstrap, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(NodeAssembly.Path);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (bootstrap is null)
        {
            start.Environment.Remove("ACTORSTREAM_BOOTSTRAP");
        }
        else
        {
            start.Environment["ACTORSTREAM_BOOTSTRAP"] = bootstrap;
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"actorstream {string.Join(' ', args)} did not exit within {Timeout}; stderr so far is lost");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr, Stopwatch.GetElapsedTime(started));
    }
}
