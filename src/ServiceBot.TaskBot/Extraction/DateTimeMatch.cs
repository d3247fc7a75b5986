using System.Runtime.InteropServices;

namespace ServiceBot.TaskBot.Extraction;

/// <summary>A date, time or period found in customer text; Start/Length index into the text passed to <see cref="DateTimeExtractor.Extract"/>.</summary>
/// <param name="Start">Index of the first character of the match.</param>
/// <param name="Length">Number of characters matched.</param>
/// <param name="Value">The resolved moment in the offset of <c>now</c>; midnight for dates, the start for ranges.</param>
/// <param name="End">For ranges, the exclusive end (五一前 ends at 5月1日 00:00; "this week" ends next Monday 00:00); otherwise null.</param>
/// <param name="Granularity">Whether the match is a day, a moment or a period.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct DateTimeMatch(int Start, int Length, DateTimeOffset Value, DateTimeOffset? End, DateTimeGranularity Granularity);
