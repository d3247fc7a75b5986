using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Server;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot chat</c>: talk to a bot in the terminal through the same pipeline the server runs,
/// seeing which layer answered. Suggestions are numbered; typing the number picks one.
/// </summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var bot = new Option<string?>("--bot", "-b") { Description = "Bot id (default: the server's default bot)." };
        var locale = new Option<string?>("--locale", "-l") { Description = "Client locale, e.g. zh-CN or en-US." };
        var trace = new Option<bool>("--trace", "-t") { Description = "Print every stage's outcome and time, and the candidates." };
        var command = new Command("chat", "Chat with a bot in the terminal, through the full pipeline.") { bot, locale, trace };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var backend = await SampleBackendHost.StartIfConfiguredAsync(parse.UnmatchedTokens, cancellationToken).ConfigureAwait(false);
            await using var stopBackend = backend.ConfigureAwait(false);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = [.. parse.UnmatchedTokens],
                ContentRootPath = Environment.GetEnvironmentVariable("SERVICEBOT_HOME") is { Length: > 0 } home ? home : Directory.GetCurrentDirectory(),
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);

            // A failed start is reported once, as one line, by the command itself.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.Services.AddServiceBot(builder.Configuration);
            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await ChatAsync(host.Services.GetRequiredService<ITurnProcessor>(), parse.GetValue(bot), parse.GetValue(locale), parse.GetValue(trace), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> ChatAsync(ITurnProcessor processor, string? botId, string? locale, bool showTrace, CancellationToken cancellationToken)
    {
        var conversation = "cli-" + Guid.NewGuid().ToString("N")[..12];
        var interactive = !Console.IsInputRedirected;
        if (interactive)
        {
            Console.WriteLine("Type a message (Ctrl+D or /quit to leave). A number picks a suggestion.");
        }

        var suggestions = new List<string>();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                Console.Write("> ");
            }

            var line = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() == "/quit")
            {
                break;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (int.TryParse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pick) && pick >= 1 && pick <= suggestions.Count)
            {
                line = suggestions[pick - 1];
                Console.WriteLine($"  ({line})");
            }

            var activity = new Activity
            {
                Type = ActivityTypes.Message,
                ChannelId = "cli",
                From = new ChannelAccount { Id = Environment.UserName, Role = "user" },
                Recipient = new ChannelAccount { Id = botId ?? "bot", Role = "bot" },
                Conversation = new ConversationAccount { Id = conversation },
                Text = line,
                Locale = locale,
            };

            TurnResult result;
            try
            {
                result = await processor.ProcessAsync(activity, new TurnRequest { BotId = botId }, cancellationToken).ConfigureAwait(false);
            }
            catch (UnknownBotException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }

            suggestions = Print(result);
            if (showTrace)
            {
                PrintTrace(result.Trace);
            }
        }

        return 0;
    }

    private static List<string> Print(TurnResult result)
    {
        var suggestions = new List<string>();
        foreach (var reply in result.Replies)
        {
            if (!string.IsNullOrEmpty(reply.Text))
            {
                Console.WriteLine(reply.Text);
            }

            foreach (var action in reply.SuggestedActions?.Actions ?? [])
            {
                var value = action.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : action.Title;
                suggestions.Add(value ?? action.Title ?? "");
                Console.WriteLine($"  [{suggestions.Count}] {action.Title}");
            }
        }

        var confidence = result.Trace.Find("router/" + result.AnsweredBy)?.Notes?.GetValueOrDefault("confidence");
        Console.WriteLine($"  — {result.AnsweredBy ?? "nobody"} · {result.Outcome.ToString().ToLowerInvariant()}{(confidence is null ? "" : $" · {confidence}")} · {result.Trace.TotalMs:0.0} ms");
        return suggestions;
    }

    private static void PrintTrace(TurnTrace trace)
    {
        foreach (var step in trace.Steps)
        {
            var notes = step.Notes is null ? "" : " " + string.Join(", ", step.Notes.Select(n => $"{n.Key}={JsonSerializer.Serialize(n.Value, ActivityJson.Options)}"));
            Console.WriteLine($"    {step.Name,-16} {step.Outcome,-9} {step.ElapsedMs,8:0.000} ms{notes}");
            foreach (var candidate in step.Candidates?.Take(5) ?? [])
            {
                Console.WriteLine($"        {candidate.Score,8:0.000}  {candidate.Id}  {candidate.Text}");
            }
        }
    }
}
