namespace ServiceBot.ChatBot.Evaluation;

/// <summary>What the chit-chat layers did with one held-out utterance.</summary>
/// <param name="Sample">The utterance.</param>
/// <param name="Layer">"template", "retrieval" or "miss".</param>
/// <param name="Id">The answering template or corpus entry; null on a miss.</param>
/// <param name="Score">Template coverage or corpus similarity; 0 on a miss.</param>
/// <param name="Right">True or false when the label map judges the sample; null otherwise.</param>
public sealed record ChitChatOutcome(ChitChatSample Sample, string Layer, string? Id, double Score, bool? Right);
