namespace ServiceBot.KbBot.Evaluation;

/// <summary>Ranking quality of one match configuration over the questions that have an answer.</summary>
/// <param name="Mode">bm25, vector, hybrid or hybrid+rerank.</param>
/// <param name="RecallAt1">Share of questions whose FAQ is ranked first.</param>
/// <param name="RecallAt5">Share of questions whose FAQ is among the first five.</param>
/// <param name="Mrr">Mean reciprocal rank (0 when not recalled).</param>
public sealed record KbModeResult(string Mode, double RecallAt1, double RecallAt5, double Mrr);
