using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Bots;
using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot;

/// <summary>Compiles a bot's ChatBot content when the bot loads, so that content errors fail the bot early, not a customer's turn.</summary>
internal sealed partial class ChatBotInitializer(ChatBotContentCache contents, ILogger<ChatBotInitializer> logger) : IBotInitializer
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

        _ = contents.Get(bot);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ChatBot content of bot '{BotId}' not compiled at load: no text analyzer is registered.")]
    private static partial void LogNoAnalyzer(ILogger logger, string botId);
}
