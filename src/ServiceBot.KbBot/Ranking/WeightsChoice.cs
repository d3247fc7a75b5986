namespace ServiceBot.KbBot.Ranking;

/// <summary>
/// The outcome of fitting one reranker: Recall@1 of the prior and of the fitted weights on the
/// calibration questions (held out of the fit), and whether the fitted ones were kept (at least as good).
/// </summary>
internal sealed record WeightsChoice(bool Fitted, double PriorRecallAt1, double FittedRecallAt1)
{
    public static WeightsChoice Between(double priorRecallAt1, double fittedRecallAt1) =>
        new(fittedRecallAt1 >= priorRecallAt1, priorRecallAt1, fittedRecallAt1);

    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{(Fitted ? "fitted" : "prior")} (held-out recall@1 fitted {FittedRecallAt1:0.000}, prior {PriorRecallAt1:0.000})");
}
