using Spectre.Console;

namespace ActorStream.Node.Commands;

/// <summary>
/// Shows the progress of a long operation on stderr with a Spectre.Console status line, only when stderr is a
/// terminal; stdout is never touched, so it stays machine-friendly.
/// </summary>
internal static class Progress
{
    /// <summary>Runs <paramref name="body"/>, giving it a callback that updates the status line (a no-op when not a terminal).</summary>
    /// <param name="initial">The first status text.</param>
    /// <param name="body">The operation.</param>
    public static async Task<T> RunAsync<T>(string initial, Func<Action<string>, Task<T>> body)
    {
        if (Console.IsErrorRedirected)
        {
            return await body(static _ => { }).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().StartAsync(initial, context => body(text => context.Status = Markup.Escape(text))).ConfigureAwait(false);
    }
}
