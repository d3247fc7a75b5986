using System.Runtime.CompilerServices;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Funnel;

/// <summary>
/// Each bot's <c>funnel:</c> section, read once per loaded <see cref="BotDefinition"/> (a reloaded
/// bot is a new instance and is read again). Thread-safe.
/// </summary>
internal sealed class FunnelSettingsCache
{
    private readonly ConditionalWeakTable<BotDefinition, FunnelSettings> _settings = [];

    public FunnelSettings For(BotDefinition bot) =>
        _settings.GetValue(bot, static b => b.GetSettings<FunnelSettings>(FunnelSettings.Section));
}
