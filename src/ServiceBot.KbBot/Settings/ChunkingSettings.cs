namespace ServiceBot.KbBot.Settings;

/// <summary>How documents are split into chunks.</summary>
internal sealed class ChunkingSettings
{
    /// <summary>Target chunk size in characters.</summary>
    public int Size { get; set; } = 400;

    /// <summary>Characters repeated from the end of one chunk at the start of the next.</summary>
    public int Overlap { get; set; } = 60;
}
