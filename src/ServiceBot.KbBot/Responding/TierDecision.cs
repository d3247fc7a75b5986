using ServiceBot.KbBot.Matching;

namespace ServiceBot.KbBot.Responding;

/// <summary>The tier chosen for a match and why.</summary>
/// <param name="Tier">Answer, suggest or miss.</param>
/// <param name="Chosen">The answered entry, or the suggestions best first; empty on a miss.</param>
/// <param name="Probability">The best candidate's calibrated probability.</param>
/// <param name="AnswerThreshold">The answer threshold that applied (per category when set).</param>
/// <param name="SuggestThreshold">The suggest threshold that applied.</param>
/// <param name="Reason">Why, for the trace.</param>
internal sealed record TierDecision(KbTier Tier, IReadOnlyList<KbCandidate> Chosen, double Probability, double AnswerThreshold, double SuggestThreshold, string Reason);
