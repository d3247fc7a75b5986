namespace ServiceBot.KbBot.Settings;

/// <summary>BM25 parameters as bot content sets them.</summary>
internal sealed class Bm25Settings
{
    public float K1 { get; set; } = 1.2f;

    public float B { get; set; } = 0.75f;
}
