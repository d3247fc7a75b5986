namespace ServiceBot.Text.Segmentation;

/// <summary>jieba's segmentation modes.</summary>
public enum SegmentMode
{
    /// <summary>Accurate mode (<c>jieba.cut(s)</c>): the maximum-probability route, no overlaps.</summary>
    Default = 0,

    /// <summary>Full mode (<c>jieba.cut(s, cut_all=True)</c>): every dictionary word, overlapping; the HMM is not used.</summary>
    Full,

    /// <summary>Search mode (<c>jieba.cut_for_search(s)</c>): default mode plus the dictionary words of 2 and 3 characters inside longer words.</summary>
    Search,
}
