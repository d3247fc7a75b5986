using System.Runtime.InteropServices;

namespace ServiceBot.TaskBot.Extraction;

/// <summary>A number found in customer text; Start/Length index into the text passed to <see cref="NumberExtractor.Extract"/>.</summary>
/// <param name="Start">Index of the first character of the match.</param>
/// <param name="Length">Number of characters matched, units and currency signs included.</param>
/// <param name="Value">The resolved value (amounts in the main unit: 3毛 is 0.3).</param>
/// <param name="Kind">Plain number, money amount, percent or ordinal.</param>
/// <param name="Currency">ISO code for amounts (CNY, USD, EUR, JPY), otherwise null.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct NumberMatch(int Start, int Length, decimal Value, NumberKind Kind, string? Currency);
