using System.Runtime.InteropServices;

namespace ServiceBot.SensitiveWords.WordLists;

/// <summary>One occurrence of a word-list entry in a text.</summary>
/// <param name="Word">The entry as its list wrote it.</param>
/// <param name="Category">The entry's category.</param>
/// <param name="Start">UTF-16 index in the original text where the occurrence starts.</param>
/// <param name="Length">UTF-16 length in the original text, with any noise or repeated characters inside it.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct SensitiveWordMatch(string Word, string Category, int Start, int Length)
{
    /// <summary>Index just past the occurrence.</summary>
    public int End => Start + Length;
}
