namespace ServiceBot.Text.Segmentation;

/// <summary>
/// One published version of a segmenter's dictionary: the shared base, the user words and the
/// resulting total. Immutable once published; a change builds a new state and swaps it in.
/// </summary>
internal sealed class SegmenterState
{
    public SegmenterState(PrefixDictionary dictionary, UserWordOverlay overlay, long total, HashSet<string> forceSplit, UserWordOverlay? foldedOverlay, HashSet<string>? foldedForceSplit)
    {
        Overlay = overlay;
        Total = total;
        ForceSplit = forceSplit;
        var logTotal = Math.Log(total);
        Exact = new Lexicon(dictionary, overlay, logTotal, forceSplit);
        Folded = foldedOverlay is null ? Exact : new Lexicon(dictionary, foldedOverlay, logTotal, foldedForceSplit);
    }

    /// <summary>The user words as added (exact case and script).</summary>
    public UserWordOverlay Overlay { get; }

    public long Total { get; }

    public HashSet<string> ForceSplit { get; }

    /// <summary>jieba's own view: what the reference would segment with the same user words.</summary>
    public Lexicon Exact { get; }

    /// <summary>The analyzer's view over folded text: also matches case-folded dictionary and user words.</summary>
    public Lexicon Folded { get; }

    public Lexicon View(bool folded) => folded ? Folded : Exact;
}
