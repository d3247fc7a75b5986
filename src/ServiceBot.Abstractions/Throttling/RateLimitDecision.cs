using System.Runtime.InteropServices;

namespace ServiceBot.Abstractions.Throttling;

/// <summary>The answer of an <see cref="IRateLimiter"/>.</summary>
/// <param name="IsAllowed">Whether the event was admitted (and counted).</param>
/// <param name="Count">The events counted in the window, this one included when admitted.</param>
/// <param name="RetryAfter">When denied, how long until one more event would be admitted; zero otherwise.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct RateLimitDecision(bool IsAllowed, double Count, TimeSpan RetryAfter);
