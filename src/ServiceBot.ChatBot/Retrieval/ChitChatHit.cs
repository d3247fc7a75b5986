namespace ServiceBot.ChatBot.Retrieval;

/// <summary>A corpus question recalled for a message.</summary>
/// <param name="Entry">The entry it belongs to.</param>
/// <param name="Question">The question that matched.</param>
/// <param name="Similarity">IDF-weighted overlap of the two term sets in [0, 1]; what the threshold compares.</param>
/// <param name="Score">The BM25 score that recalled it.</param>
internal sealed record ChitChatHit(ChitChatEntry Entry, string Question, double Similarity, double Score);
