namespace ServiceBot.Text.Segmentation;

/// <summary>Where jieba's data files are: the dictionary, the HMM tables and the IDF table.</summary>
internal sealed record JiebaDataFiles(string DictionaryFile, string HmmStartFile, string HmmTransFile, string HmmEmitFile, string IdfFile)
{
    /// <summary>The files in a jieba package folder (<c>dict.txt</c>, <c>finalseg/prob_*.py</c>, <c>analyse/idf.txt</c>).</summary>
    public static JiebaDataFiles InFolder(string folder, string? dictionaryFile = null, string? idfFile = null) => new(
        dictionaryFile ?? Path.Combine(folder, "dict.txt"),
        Path.Combine(folder, "finalseg", "prob_start.py"),
        Path.Combine(folder, "finalseg", "prob_trans.py"),
        Path.Combine(folder, "finalseg", "prob_emit.py"),
        idfFile ?? Path.Combine(folder, "analyse", "idf.txt"));

    public IEnumerable<string> SegmentationFiles => [DictionaryFile, HmmStartFile, HmmTransFile, HmmEmitFile];
}
