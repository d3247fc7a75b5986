namespace ServiceBot.KbBot.Evaluation;

/// <summary>A labelled evaluation question: its text, the FAQ id that answers it (null when none does), and its locale when known.</summary>
public sealed record KbEvalQuery(string Text, string? FaqId, string? Locale = null);
