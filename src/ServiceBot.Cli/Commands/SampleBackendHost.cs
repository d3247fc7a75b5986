using Microsoft.Extensions.Configuration;
using ServiceBot.SampleBackend;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// Starts the sample shop backend beside <c>run</c> and <c>chat</c> when
/// <c>ServiceBot:SampleBackend:Url</c> is set (the <c>./servicebot</c> wrapper sets it to
/// <c>http://127.0.0.1:5081</c>, where the sample bot's workflows call it), so the embedded default
/// runs its workflows end to end with nothing else started. A company's own deployment leaves it unset.
/// </summary>
internal static class SampleBackendHost
{
    private const string Key = "ServiceBot:SampleBackend:Url";

    public static async Task<IAsyncDisposable> StartIfConfiguredAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        // Read the way the host reads its own settings: environment, then the command line on top.
        var url = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine([.. args]).Build()[Key];
        if (string.IsNullOrWhiteSpace(url))
        {
            return NoBackend.Instance;
        }

        try
        {
            var backend = await SampleShopBackend.StartAsync(url, cancellationToken: cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"Sample shop backend is listening on {backend.Address}").ConfigureAwait(false);
            return backend;
        }
        catch (IOException e)
        {
            // Another instance already serves the port (a second `servicebot chat` beside `run`): use it.
            await Console.Error.WriteLineAsync($"Sample shop backend not started on {url}: {e.Message}").ConfigureAwait(false);
            return NoBackend.Instance;
        }
    }

    private sealed class NoBackend : IAsyncDisposable
    {
        public static readonly NoBackend Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
