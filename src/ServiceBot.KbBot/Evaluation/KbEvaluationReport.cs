namespace ServiceBot.KbBot.Evaluation;

/// <summary>The result of <see cref="KbEvaluator"/>: ranking per configuration, tiers, and the precision/coverage curve.</summary>
public sealed record KbEvaluationReport(
    int Entries,
    int Questions,
    int Answerable,
    IReadOnlyList<KbModeResult> Modes,
    KbTierResult Tiers,
    IReadOnlyList<KbCurvePoint> Curve,
    double BuildMs,
    double MeanQueryMs,
    int TrainingQuestions,
    double TrainingHeldOutRecallAt1);
