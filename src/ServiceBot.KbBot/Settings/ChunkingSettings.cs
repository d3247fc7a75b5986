namespace ServiceBot.KbBot.Settings;

/// <summary>How documents are split into chunks.</summary>
internal sealed class ChunkingSettings
{
    /// <summary>The smallest <see cref="Size"/> accepted: below it a chunk holds too little to answer anything.</summary>
    public const int MinSize = 50;

    /// <summary>The largest <see cref="Size"/> accepted: a chunk is one passage of a prompt.</summary>
    public const int MaxSize = 8000;

    /// <summary>Target chunk size in characters (UTF-16 code units), overlap included.</summary>
    public int Size { get; set; } = 400;

    /// <summary>Characters repeated from the end of one chunk at the start of the next.</summary>
    public int Overlap { get; set; } = 60;

    public IEnumerable<string> Validate()
    {
        if (Size is < MinSize or > MaxSize)
        {
            yield return $"knowledge.chunking.size must be between {MinSize} and {MaxSize} characters (is {Size}).";
        }

        if (Overlap < 0 || Overlap > Size / 2)
        {
            yield return $"knowledge.chunking.overlap must be between 0 and half the size ({Size / 2}) (is {Overlap}).";
        }
    }
}
