namespace ServiceBot.ChatBot.Filters;

/// <summary>A repetition found in a reply: where the repeated unit starts (-1 when spread out), its length and the rule.</summary>
internal sealed record RepetitionLoop(int Start, int Unit, string Rule);
