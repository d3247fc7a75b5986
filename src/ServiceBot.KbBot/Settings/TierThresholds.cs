namespace ServiceBot.KbBot.Settings;

/// <summary>Calibrated-probability thresholds of the answer and suggest tiers.</summary>
internal sealed class TierThresholds
{
    /// <summary>Answer directly at or above this probability.</summary>
    public double? Answer { get; set; }

    /// <summary>Offer "did you mean" suggestions at or above this probability (and below <see cref="Answer"/>).</summary>
    public double? Suggest { get; set; }
}
