using System.Runtime.InteropServices;

namespace ServiceBot.SensitiveWords.Matching;

/// <summary>A word-list entry ready for the automaton.</summary>
/// <param name="Key">The entry folded by <see cref="VariantFolding.FoldKey"/>: what the automaton matches.</param>
/// <param name="Word">The entry as the list wrote it, for reports.</param>
/// <param name="Category">Index of its category in the compiled list; <see cref="AllowCategory"/> for allow-list entries.</param>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct CompiledPattern(string Key, string Word, int Category)
{
    /// <summary>The category index of allow-list entries: their matches hide sensitive matches inside them.</summary>
    public const int AllowCategory = -1;

    public bool IsAllow => Category == AllowCategory;
}
