using System.ComponentModel.DataAnnotations;

namespace ServiceBot.Funnel;

/// <summary>Process-wide funnel settings, bound from <c>ServiceBot:Funnel</c>; per-bot settings live in the bot's <c>funnel:</c> section.</summary>
public sealed class FunnelOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ServiceBot:Funnel";

    /// <summary>Hard ceiling on a message's length whatever a bot allows; longer messages are refused before any other work.</summary>
    [Range(16, 10_000_000)]
    public int MaxMessageChars { get; set; } = 100_000;

    /// <summary>How many rate-limit keys the in-process limiter keeps before it drops idle ones.</summary>
    [Range(100, 100_000_000)]
    public int MaxRateLimitKeys { get; set; } = 200_000;

    /// <summary>How often (seconds) a bot's rules file is checked for changes; 0 checks on every turn.</summary>
    [Range(0, 3600)]
    public double ReloadCheckSeconds { get; set; } = 2;

    /// <summary>How long (seconds) the near-duplicate index of a bot's answer cache is reused before it is rebuilt from the cache.</summary>
    [Range(0, 3600)]
    public double CacheIndexSeconds { get; set; } = 30;
}
