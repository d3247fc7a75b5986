using System.Text.RegularExpressions;

namespace ServiceBot.SensitiveWords.Injection;

/// <summary>One pattern of the prompt-injection screen.</summary>
/// <param name="Id">Name in the trace.</param>
/// <param name="Weight">Evidence in [0, 1] a match gives.</param>
/// <param name="Pattern">The compiled pattern (non-backtracking).</param>
/// <param name="Source">File and line it came from, for error messages.</param>
internal sealed record InjectionRule(string Id, double Weight, Regex Pattern, string Source);
