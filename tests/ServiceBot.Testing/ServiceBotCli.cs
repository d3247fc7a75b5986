using System.Diagnostics;
using System.Text;

namespace ServiceBot.Testing;

/// <summary>
/// Runs the <c>servicebot</c> command as a real process, built beside the test project (the test
/// project references <c>ServiceBot.Cli</c> with <c>ReferenceOutputAssembly="false"</c>).
/// </summary>
public static class ServiceBotCli
{
    /// <summary>Runs the command with <paramref name="args"/> in the repository root; returns its exit code and output.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var cli = Path.Combine(SharedData.RepositoryRoot, "src", "ServiceBot.Cli", "bin", configuration, "net10.0", "servicebot.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = SharedData.RepositoryRoot,
        };
        start.ArgumentList.Add(cli);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
