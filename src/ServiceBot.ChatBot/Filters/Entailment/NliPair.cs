namespace ServiceBot.ChatBot.Filters.Entailment;

/// <summary>One question to the NLI model: does <paramref name="Premise"/> entail <paramref name="Hypothesis"/>?</summary>
internal sealed record NliPair(string Premise, string Hypothesis);
