namespace ServiceBot.TaskBot.Nlu;

/// <summary>A labelled utterance: <paramref name="Words"/> are its segmented terms (jieba words or English tokens).</summary>
public sealed record IntentExample(string Text, IReadOnlyList<string> Words, string Label);
