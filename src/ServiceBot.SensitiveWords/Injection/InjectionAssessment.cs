namespace ServiceBot.SensitiveWords.Injection;

/// <summary>What the screen found in one message.</summary>
/// <param name="Score">Combined evidence in [0, 1].</param>
/// <param name="Fired">Ids of the rules and heuristics that fired, strongest first.</param>
/// <param name="OverLength">True when the message is longer than a model may be given.</param>
internal sealed record InjectionAssessment(double Score, IReadOnlyList<string> Fired, bool OverLength)
{
    public static InjectionAssessment None { get; } = new(0, [], false);

    /// <summary>The strongest reason, for the verdict and the trace.</summary>
    public string? TopRule => OverLength && Fired.Count == 0 ? "length" : Fired.Count > 0 ? Fired[0] : null;
}
