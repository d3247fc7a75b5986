using System.Runtime.InteropServices;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// One cell of the double-array trie. Base, check and the word's log frequency share a 16-byte cell
/// so that one step of a dictionary walk touches one cache line.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TrieUnit
{
    /// <summary>Offset of this node's children: child for code <c>c</c> is at <c>Base + c</c>.</summary>
    public int Base;

    /// <summary>Index of the parent node; <see cref="PrefixDictionary.FreeCheck"/> for an unused cell.</summary>
    public int Check;

    /// <summary><c>log(freq)</c> when the node is a word with a frequency above zero, else negative infinity.</summary>
    public double Weight;
}
