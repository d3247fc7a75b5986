namespace ServiceBot.Abstractions.Nlu;

/// <summary>The most probable intent of a message, as an <see cref="IIntentRecognizer"/> sees it.</summary>
/// <param name="Label">The intent (a workflow's id for TaskBot's classifier).</param>
/// <param name="Probability">The classifier's probability in [0, 1], the same number the bot's own intent thresholds (e.g. TaskBot's start threshold) are compared with.</param>
public sealed record RecognizedIntent(string Label, double Probability);
