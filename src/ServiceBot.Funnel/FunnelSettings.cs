using ServiceBot.Funnel.Cache;
using ServiceBot.Funnel.Guard;

namespace ServiceBot.Funnel;

/// <summary>The <c>funnel:</c> section of bot.yaml.</summary>
internal sealed class FunnelSettings
{
    public const string Section = "funnel";

    public GuardSettings Guard { get; set; } = new();

    /// <summary>The rules file, relative to bot.yaml; none means the rules stage passes every turn.</summary>
    public string? Rules { get; set; }

    public CacheSettings Cache { get; set; } = new();
}
