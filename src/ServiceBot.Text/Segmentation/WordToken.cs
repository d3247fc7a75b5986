namespace ServiceBot.Text.Segmentation;

/// <summary>A word and where it is in the segmented text (jieba's <c>tokenize</c>).</summary>
/// <param name="Word">The word.</param>
/// <param name="Start">Offset in the input, in UTF-16 code units.</param>
/// <param name="Length">
/// Length of <paramref name="Word"/>. The word is the input's text at <paramref name="Start"/>, except for
/// the rare full-mode word that jieba glues together from Latin pieces that are not adjacent; it then
/// starts where its first piece does.
/// </param>
public readonly record struct WordToken(string Word, int Start, int Length)
{
    public int End => Start + Length;
}
