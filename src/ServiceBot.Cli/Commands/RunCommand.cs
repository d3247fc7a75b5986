using System.CommandLine;
using Microsoft.Extensions.Hosting;
using ServiceBot.Server;

namespace ServiceBot.Cli.Commands;

/// <summary><c>servicebot run</c>: the server with the bots under <c>bots/</c>.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the server: channels, the turn API, health endpoints. Accepts ASP.NET Core switches such as --urls and --ServiceBot:Redis:Configuration=HOST:PORT.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var backend = await SampleBackendHost.StartIfConfiguredAsync(parse.UnmatchedTokens, cancellationToken).ConfigureAwait(false);
            await using var stopBackend = backend.ConfigureAwait(false);
            var app = ServiceBotApp.Build([.. parse.UnmatchedTokens]);
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                foreach (var url in app.Urls)
                {
                    Console.WriteLine($"ServiceBot is listening on {url}");
                }

                Console.WriteLine("  POST /api/turns      turn API (see /openapi/v1.json)");
                Console.WriteLine("  GET  /health/ready   readiness of every bot");
                Console.WriteLine("Press Ctrl+C to stop.");
            });
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
