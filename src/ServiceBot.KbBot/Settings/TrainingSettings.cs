namespace ServiceBot.KbBot.Settings;

/// <summary>How the reranker and the calibration are fitted from the KB's own paraphrases at load.</summary>
internal sealed class TrainingSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Also fit the reranker's weights (not only the calibration) on the held-out paraphrases. The
    /// fitted weights are kept only when they rank the calibration questions at least as well as the
    /// built-in prior; with vectors they improved all three evaluation KBs (docs/kb-bot.md).
    /// </summary>
    public bool Rerank { get; set; } = true;

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
