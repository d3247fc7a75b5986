using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;

namespace ServiceBot.TaskBot.Content;

/// <summary>
/// Compiled TaskBot content per bot definition; a reloaded bot is a new definition and gets new content.
/// </summary>
/// <remarks>
/// Services are resolved on first use, since the text and knowledge features may be composed after
/// this one. Thread-safe: concurrent first turns share one load.
/// </remarks>
internal sealed class TaskBotContentCache(IServiceProvider services)
{
    private readonly ConditionalWeakTable<BotDefinition, Task<TaskBotContent>> _byBot = [];
    private readonly ConditionalWeakTable<BotDefinition, TaskBotSettings> _settings = [];

    public Task<TaskBotContent> GetAsync(BotDefinition bot) =>
        _byBot.GetValue(bot, b => TaskBotContent.LoadAsync(b, services.GetRequiredService<ITextAnalyzer>(), services.GetService<IKnowledgeStore>(), CancellationToken.None));

    /// <summary>The bot's settings alone, cheap enough for every turn's "is a dialog active" check.</summary>
    public TaskBotSettings Settings(BotDefinition bot) => _settings.GetValue(bot, b => b.GetSettings<TaskBotSettings>("taskbot"));
}
