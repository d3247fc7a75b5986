namespace ServiceBot.KbBot.Evaluation;

/// <summary>The result of <see cref="KbEvaluator"/>: one result per requested configuration, in the order of <see cref="KbConfigurations.All"/>.</summary>
/// <param name="Entries">Live FAQ entries in the snapshot.</param>
/// <param name="Questions">Evaluation questions, negatives included.</param>
/// <param name="Answerable">Questions with an FAQ id.</param>
/// <param name="Configurations">The configurations' results.</param>
/// <param name="BuildMs">Snapshot build time, fitting included.</param>
/// <param name="TrainingQuestions">Held-out paraphrases the reranker and calibration were fitted on.</param>
/// <param name="TrainingHeldOutRecallAt1">Recall@1 on the calibration paraphrases.</param>
/// <param name="UnknownFaqIds">Questions whose FAQ id is not in the KB (they count as never recalled).</param>
public sealed record KbEvaluationReport(
    int Entries,
    int Questions,
    int Answerable,
    IReadOnlyList<KbConfigurationResult> Configurations,
    double BuildMs,
    int TrainingQuestions,
    double TrainingHeldOutRecallAt1,
    int UnknownFaqIds);
