using System.Runtime.InteropServices;

namespace ServiceBot.Retrieval.Lexical;

/// <summary>A query term with a weight: 1 for the customer's own words, less for synonyms added by expansion.</summary>
/// <param name="Term">The index form of the word (<see cref="ServiceBot.Abstractions.Text.Token.Term"/>).</param>
/// <param name="Weight">Multiplies the term's BM25 contribution; must be positive.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WeightedTerm(string Term, float Weight);
