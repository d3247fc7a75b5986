namespace ServiceBot.KbBot.Settings;

/// <summary>How many "did you mean" questions to offer and how far below the best they may be.</summary>
internal sealed class SuggestionSettings
{
    public int Min { get; set; } = 2;

    public int Max { get; set; } = 4;

    /// <summary>
    /// A further candidate is offered while its probability is at least this fraction of the best one's;
    /// the first large gap in scores ends the list (down to <see cref="Min"/>).
    /// </summary>
    public double RelativeFloor { get; set; } = 0.25;

    /// <summary>Candidates below this probability are never offered.</summary>
    public double MinProbability { get; set; } = 0.02;
}
