using ServiceBot.Abstractions.Bots;
using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot;

/// <summary>Compiles a bot's ChatBot content when the bot loads, so that content errors fail the bot early, not a customer's turn.</summary>
internal sealed class ChatBotInitializer(ChatBotContentCache contents) : IBotInitializer
{
    public string Name => "chatbot";

    public ValueTask InitializeAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        _ = contents.Get(bot);
        return ValueTask.CompletedTask;
    }
}
