namespace ServiceBot.ChatBot.Content;

/// <summary>The repetition-loop check.</summary>
internal sealed class RepetitionSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>A text unit this long (characters) repeated back to back <see cref="MinRepeats"/> times is a loop.</summary>
    public int MinUnit { get; set; } = 4;

    public int MinRepeats { get; set; } = 3;

    /// <summary>Size of the character n-grams for the seq-rep-n ratio.</summary>
    public int Ngram { get; set; } = 4;

    /// <summary>A text longer than <see cref="MinLengthForRatio"/> whose share of repeated n-grams exceeds this is cut where the repeats begin.</summary>
    public double MaxRepeatedRatio { get; set; } = 0.5;

    public int MinLengthForRatio { get; set; } = 80;
}
