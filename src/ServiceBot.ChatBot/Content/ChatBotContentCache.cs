using System.Runtime.CompilerServices;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Text;

namespace ServiceBot.ChatBot.Content;

/// <summary>
/// Compiled ChatBot content per bot definition. A reloaded bot is a new <see cref="BotDefinition"/>
/// instance, so its content is rebuilt and the old one is collected with the old definition.
/// </summary>
/// <remarks>Thread-safe; concurrent first turns of a bot may build twice, one result wins.</remarks>
internal sealed class ChatBotContentCache(ITextAnalyzer analyzer)
{
    private readonly ConditionalWeakTable<BotDefinition, ChatBotContent> _byBot = [];

    public ChatBotContent Get(BotDefinition bot) => _byBot.GetValue(bot, b => ChatBotContent.Load(b, analyzer));
}
