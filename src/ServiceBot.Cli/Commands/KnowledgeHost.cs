using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Server;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// The server's services without starting it, for commands that work on a bot's stores (import,
/// export, evaluation): the same configuration, bots folder and data folder as <c>servicebot run</c>.
/// </summary>
internal static class KnowledgeHost
{
    /// <summary>Builds the host; configuration switches (e.g. <c>--ServiceBot:DataDirectory=…</c>) come from <paramref name="args"/>.</summary>
    public static IHost Build(IReadOnlyList<string> args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. args],
            ContentRootPath = Environment.GetEnvironmentVariable("SERVICEBOT_HOME") is { Length: > 0 } home ? home : Directory.GetCurrentDirectory(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Standard output carries the commands' results (eval --json lines, export to -); log lines go to standard error.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddServiceBot(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The bot named by <paramref name="botId"/>, or the default bot; null (after a one-line error) when there is none.</summary>
    public static BotDefinition? FindBot(IServiceProvider services, string? botId)
    {
        IBotCatalog catalog;
        try
        {
            catalog = services.GetRequiredService<IBotCatalog>();
        }
        catch (BotDefinitionException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return null;
        }

        if (botId is null)
        {
            return catalog.Default;
        }

        if (catalog.TryGet(botId, out var bot))
        {
            return bot;
        }

        Console.Error.WriteLine($"error: there is no bot '{botId}' (bots: {string.Join(", ", catalog.All.Select(b => b.Id))}).");
        return null;
    }
}
