using System.Diagnostics;
using System.Text;

namespace ActorStream.ClientCompat.Tests;

/// <summary>Runs one client process to completion with a deadline, capturing its output.</summary>
public static class ClientProcess
{
    /// <summary>The deadline of a client run unless a scenario asks for another.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/>, writing
    /// <paramref name="stdin"/> to it (then closing stdin). Throws a <see cref="TimeoutException"/> with
    /// the output so far, and kills the process, when it does not end in <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ClientResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        byte[]? stdin = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PYTHONUNBUFFERED"] = "1";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var command = fileName + " " + string.Join(' ', info.ArgumentList.Select(Quote));
        using var process = new Process { StartInfo = info };
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start " + command);
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, deadline.Token);
                await process.StandardInput.BaseStream.FlushAsync(deadline.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            var partial = new ClientResult(command, -1, await stdout, await stderr);
            throw new TimeoutException($"The client did not finish within {(timeout ?? DefaultTimeout).TotalSeconds} s.\n{partial.Describe()}");
        }
        catch (IOException)
        {
            // The client closed stdin early (it reads none); its exit code tells the rest.
            await process.WaitForExitAsync(deadline.Token);
        }

        return new ClientResult(command, process.ExitCode, await stdout, await stderr);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.IndexOfAny([' ', '"', '\'', '\n', '$', '\\', '{', '}']) < 0
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
