using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Bots;
using ServiceBot.ChatBot.Content;
using ServiceBot.ChatBot.Filters.Entailment;

namespace ServiceBot.ChatBot;

/// <summary>Compiles a bot's ChatBot content when the bot loads, so that content errors fail the bot early, not a customer's turn.</summary>
/// <remarks>
/// A bot that enables <c>chatbot.filters.entailment</c> on a host without <c>ServiceBot:Nli:Endpoint</c>
/// loads with a warning, not an error: the check is optional and fails open anyway, and the same bot
/// files serve hosts with and without an NLI server (development, staging, production).
/// </remarks>
internal sealed partial class ChatBotInitializer(ChatBotContentCache contents, INliClient nli, ILogger<ChatBotInitializer> logger) : IBotInitializer
{
    public string Name => "chatbot";

    public ValueTask InitializeAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        // Without an analyzer no turn can run at all (the analyze stage needs one too); the bot's
        // content is then compiled on its first turn instead of failing the bot here.
        if (!contents.CanCompile)
        {
            LogNoAnalyzer(logger, bot.Id);
            return ValueTask.CompletedTask;
        }

        var content = contents.Get(bot);
        if (content.Settings.Filters.Entailment.Enabled && !nli.IsConfigured)
        {
            LogEntailmentWithoutEndpoint(logger, bot.Id);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ChatBot content of bot '{BotId}' not compiled at load: no text analyzer is registered.")]
    private static partial void LogNoAnalyzer(ILogger logger, string botId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}' enables chatbot.filters.entailment but ServiceBot:Nli:Endpoint is not set: its replies are not checked for entailment.")]
    private static partial void LogEntailmentWithoutEndpoint(ILogger logger, string botId);
}
