namespace ServiceBot.Abstractions.Tracing;

/// <summary>One candidate answer a layer weighed: an FAQ entry, an intent, a chit-chat reply, a cached answer.</summary>
/// <param name="Source">What produced it, e.g. <c>kbbot/bm25</c>, <c>taskbot/intent</c>.</param>
/// <param name="Id">Id of the entry, intent or rule.</param>
/// <param name="Text">The question, intent name or pattern, for people reading the trace.</param>
/// <param name="Score">The layer's own score (not comparable across sources).</param>
/// <param name="Probability">Calibrated probability where the layer has one.</param>
public sealed record TraceCandidate(string Source, string Id, string Text, double Score, double? Probability = null);
