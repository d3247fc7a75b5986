namespace ServiceBot.KbBot.Settings;

/// <summary>How the reranker and the calibration are fitted from the KB's own paraphrases at load.</summary>
internal sealed class TrainingSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Also fit the reranker's weights (not only the calibration) on the held-out paraphrases. Off by
    /// default: on the sample shop KB the fitted weights ranked customers' questions worse than the
    /// prior (docs/kb-bot.md), because a KB author's paraphrases are closer to each other than real questions.
    /// </summary>
    public bool Rerank { get; set; }

    /// <summary>Share of similar questions held out of the index to train the reranker and calibrate on.</summary>
    public double HeldOutFraction { get; set; } = 0.2;

    /// <summary>At most this many held-out questions (training time grows with it).</summary>
    public int MaxHeldOut { get; set; } = 3000;

    /// <summary>Below this many held-out questions the built-in prior model is used instead.</summary>
    public int MinHeldOut { get; set; } = 30;

    /// <summary>Share of calibration queries whose own FAQ is hidden, so the calibration also sees questions the KB cannot answer.</summary>
    public double UnanswerableFraction { get; set; } = 0.25;

    public int Seed { get; set; } = 17;
}
