namespace ServiceBot.ChatBot.Evaluation;

/// <summary>One labelled small-talk utterance for the chit-chat evaluation.</summary>
/// <param name="Text">What the customer says.</param>
/// <param name="Locale">The locale the turn runs in (<c>zh-CN</c>, <c>en-US</c>).</param>
/// <param name="Source">The data set and part it comes from, e.g. <c>dialogflow/small-talk_en</c>.</param>
/// <param name="Label">The data set's intent label (e.g. <c>smalltalk.agent.age</c>), or null when it has none.</param>
public sealed record ChitChatSample(string Text, string Locale, string Source, string? Label = null);
