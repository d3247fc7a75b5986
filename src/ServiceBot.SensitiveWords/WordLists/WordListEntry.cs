using System.Runtime.InteropServices;

namespace ServiceBot.SensitiveWords.WordLists;

/// <summary>One entry of a word list, with where it came from for reports.</summary>
/// <param name="Word">The entry as written (trimmed).</param>
/// <param name="Category">Lower-case category name.</param>
/// <param name="File">The list file, or a label for entries given in code.</param>
/// <param name="Line">1-based line in <paramref name="File"/>.</param>
/// <param name="IsAllow">True for allow-list entries.</param>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct WordListEntry(string Word, string Category, string File, int Line, bool IsAllow = false);
