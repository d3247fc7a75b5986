namespace ServiceBot.Text.Segmentation;

/// <summary>What the loaded jieba dictionary is and what loading it cost, for diagnostics and benchmarks.</summary>
/// <param name="DictionaryFile">The <c>dict.txt</c> it was built from.</param>
/// <param name="WordCount">Words in the dictionary.</param>
/// <param name="TrieCells">Cells of the double-array trie (words and their prefixes, plus free cells).</param>
/// <param name="MemoryBytes">Memory held by the trie and the HMM tables.</param>
/// <param name="LoadTime">Time to load it (read the binary cache, or parse the files and build the trie).</param>
/// <param name="LoadedFromCache">Whether it came from the binary cache.</param>
public sealed record DictionaryInfo(string DictionaryFile, int WordCount, int TrieCells, long MemoryBytes, TimeSpan LoadTime, bool LoadedFromCache);
