using System.Runtime.InteropServices;

namespace ServiceBot.SensitiveWords.Pii;

/// <summary>One piece of personal data in a text.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Start">UTF-16 index where it starts, separators inside it included.</param>
/// <param name="Length">UTF-16 length.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct PiiMatch(PiiKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}
