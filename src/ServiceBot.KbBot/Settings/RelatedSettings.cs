using ServiceBot.Abstractions.Bots;

namespace ServiceBot.KbBot.Settings;

/// <summary>Related questions offered under an answer.</summary>
internal sealed class RelatedSettings
{
    /// <summary>How many; 0 turns them off.</summary>
    public int Count { get; set; } = 3;

    /// <summary>Only candidates with at least this probability are related enough to offer.</summary>
    public double MinProbability { get; set; } = 0.01;

    /// <summary>A short line shown before the related questions; none when absent.</summary>
    public LocalizedText? LeadIn { get; set; }
}
