namespace ServiceBot.ChatBot.Filters;

/// <summary>The texts a reply may rely on.</summary>
/// <param name="Texts">Every source, what the customer said first.</param>
/// <param name="CustomerCount">How many of <paramref name="Texts"/> the customer said (the question and recent turns).</param>
internal sealed record ReplySourceTexts(IReadOnlyList<string> Texts, int CustomerCount);
