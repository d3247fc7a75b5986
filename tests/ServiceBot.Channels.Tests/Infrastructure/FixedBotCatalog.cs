using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>A catalog with one bot, "shop", whose bot.yaml holds the given settings (widget texts, replies).</summary>
public sealed class FixedBotCatalog : IBotCatalog
{
    public FixedBotCatalog(JsonObject? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "servicebot-channels-tests");
        Default = new BotDefinition(ScriptedTurnProcessor.BotId, "鹿鸣商城", "zh-CN", ["zh-CN", "en-US"], Path.Combine(folder, "bot.yaml"), folder, settings ?? []);
        All = [Default];
    }

    public BotDefinition Default { get; }

    public IReadOnlyList<BotDefinition> All { get; }

    public bool TryGet(string id, [MaybeNullWhen(false)] out BotDefinition bot)
    {
        bot = string.Equals(id, Default.Id, StringComparison.OrdinalIgnoreCase) ? Default : null;
        return bot is not null;
    }
}
