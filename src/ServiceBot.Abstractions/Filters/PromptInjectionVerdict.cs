namespace ServiceBot.Abstractions.Filters;

/// <summary>
/// The prompt-injection screen's verdict on the customer's message, set on the turn by the rejector.
/// A generator honours it: with <see cref="IsInjection"/> true, the text never reaches a model.
/// </summary>
/// <param name="IsInjection">True when the message tries to hijack instructions or extract the prompt.</param>
/// <param name="Score">Strength of the evidence in [0, 1].</param>
/// <param name="Rule">The rule or heuristic that fired, for the trace.</param>
public sealed record PromptInjectionVerdict(bool IsInjection, double Score, string? Rule);
