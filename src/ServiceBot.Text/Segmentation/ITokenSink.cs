namespace ServiceBot.Text.Segmentation;

/// <summary>Receives the words the segmentation algorithms produce, in jieba's output order.</summary>
/// <remarks>Implemented by structs so that the generic algorithms are specialized and nothing is boxed.</remarks>
internal interface ITokenSink
{
    /// <summary>A word at <paramref name="start"/> of the input. Full mode also reports the empty words jieba yields around whitespace.</summary>
    void Add(int start, int length);

    /// <summary>
    /// A word that is not one span of the input: in full mode jieba concatenates Latin pieces that can
    /// be separated by words it yielded in between. <paramref name="start"/> is where the first piece starts.
    /// </summary>
    void AddComposite(string text, int start);
}
