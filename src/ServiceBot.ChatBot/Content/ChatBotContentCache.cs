using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Text;

namespace ServiceBot.ChatBot.Content;

/// <summary>
/// Compiled ChatBot content per bot definition. A reloaded bot is a new <see cref="BotDefinition"/>
/// instance, so its content is rebuilt and the old one is collected with the old definition.
/// </summary>
/// <remarks>
/// The text analyzer is resolved on first use (it is registered by the text feature, which may be
/// composed after this one). Thread-safe; concurrent first turns of a bot may build twice, one wins.
/// </remarks>
internal sealed class ChatBotContentCache(IServiceProvider services)
{
    private readonly ConditionalWeakTable<BotDefinition, ChatBotContent> _byBot = [];
    private ITextAnalyzer? _analyzer;

    /// <summary>True when a text analyzer is registered, so content can be compiled.</summary>
    public bool CanCompile => _analyzer is not null || services.GetService<ITextAnalyzer>() is not null;

    public ITextAnalyzer Analyzer => _analyzer ??= services.GetRequiredService<ITextAnalyzer>();

    public ChatBotContent Get(BotDefinition bot) => _byBot.GetValue(bot, b => ChatBotContent.Load(b, Analyzer));
}
