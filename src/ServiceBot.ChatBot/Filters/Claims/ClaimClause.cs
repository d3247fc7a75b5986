namespace ServiceBot.ChatBot.Filters.Claims;

/// <summary>One source clause.</summary>
/// <param name="Text">The clause.</param>
/// <param name="Units">What it says: Chinese character pairs, or English words less stop words and negations.</param>
/// <param name="Negated">Whether the clause itself is negative.</param>
/// <param name="SentenceNegated">Whether any clause of its sentence is ("X、Y, gift cards, … cannot be returned").</param>
internal sealed record ClaimClause(string Text, HashSet<string> Units, bool Negated, bool SentenceNegated);
