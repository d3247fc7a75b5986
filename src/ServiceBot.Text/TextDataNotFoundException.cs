namespace ServiceBot.Text;

/// <summary>
/// Data the text analysis needs at run time is not installed: jieba's dictionary and model files, its
/// IDF table, or the OpenCC library. The message names every path tried and how to install the data.
/// </summary>
public sealed class TextDataNotFoundException : Exception
{
    public TextDataNotFoundException(string message, IReadOnlyList<string> triedPaths)
        : base(message)
    {
        TriedPaths = triedPaths;
    }

    public TextDataNotFoundException(string message, IReadOnlyList<string> triedPaths, Exception innerException)
        : base(message, innerException)
    {
        TriedPaths = triedPaths;
    }

    /// <summary>The files or libraries looked for, in the order tried.</summary>
    public IReadOnlyList<string> TriedPaths { get; }
}
