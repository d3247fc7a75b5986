using System.ComponentModel.DataAnnotations;

namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>Process-wide rejector settings, bound from <c>ServiceBot:SensitiveWords</c>; per-bot settings live in the bot's <c>rejector:</c> section.</summary>
public sealed class SensitiveWordsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ServiceBot:SensitiveWords";

    /// <summary>How often (seconds) a bot's word lists and rules are checked for changes on disk; 0 checks on every turn.</summary>
    [Range(0, 3600)]
    public double ReloadCheckSeconds { get; set; } = 2;

    /// <summary>Most entries all of one bot's lists may hold together.</summary>
    [Range(1, 50_000_000)]
    public int MaxEntries { get; set; } = 2_000_000;

    /// <summary>Largest word-list file accepted, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;
}
