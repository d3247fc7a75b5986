namespace ServiceBot.SensitiveWords.Injection;

/// <summary>Weights and parameters of the screen's built-in heuristics; a weight of 0 switches one off.</summary>
internal sealed record InjectionHeuristics
{
    public double TokenFloodWeight { get; init; }

    /// <summary>Repetitions of one token or character that count as a flood.</summary>
    public int TokenFloodCount { get; init; } = 40;

    public double LongMessageWeight { get; init; }

    /// <summary>Characters above which a message counts as long.</summary>
    public int LongMessageChars { get; init; } = 500;

    public double ManyLinesWeight { get; init; }

    /// <summary>Line breaks from which a message counts as structured.</summary>
    public int ManyLinesCount { get; init; } = 8;
}
