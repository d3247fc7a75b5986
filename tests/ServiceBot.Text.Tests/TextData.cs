namespace ServiceBot.Text.Tests;

/// <summary>The shared analysis instance for tests, skipping when jieba's data or OpenCC is not installed here.</summary>
internal static class TextData
{
    private static readonly Lazy<(TextAnalysis? Analysis, string? Missing)> Shared = new(() =>
    {
        try
        {
            return (TextAnalysis.CreateDefault(), null);
        }
        catch (TextDataNotFoundException e)
        {
            return (null, e.Message);
        }
    });

    /// <summary>The process-wide default instance; tests must not add user words to it.</summary>
    public static TextAnalysis Default => Shared.Value.Analysis ?? Skip();

    /// <summary>A fresh instance with its own user dictionary (the loaded model is shared).</summary>
    public static TextAnalysis Fresh()
    {
        _ = Default;
        return TextAnalysis.Create(new TextOptions());
    }

    public static string Join(IEnumerable<string> words) => string.Join('/', words);

    private static TextAnalysis Skip()
    {
        Assert.Skip($"jieba data not installed (scripts/setup.sh runtime): {Shared.Value.Missing}");
        return null!;
    }
}
