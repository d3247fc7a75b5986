namespace ServiceBot.ChatBot.Evaluation;

/// <summary>The result of <see cref="ChitChatEvaluator.EvaluateAsync"/>.</summary>
public sealed class ChitChatEvaluationReport
{
    public required string Bot { get; init; }

    /// <summary>Utterances given.</summary>
    public required int Samples { get; init; }

    /// <summary>Utterances dropped because an earlier one of the same locale had the same match key.</summary>
    public required int Duplicates { get; init; }

    /// <summary>Utterances dropped because the bot's corpus or templates hold them verbatim (same match key): not held out.</summary>
    public required int InBotContent { get; init; }

    /// <summary>Held-out utterances over all locales and sources.</summary>
    public required ChitChatLayerCounts Overall { get; init; }

    public required IReadOnlyDictionary<string, ChitChatLayerCounts> ByLocale { get; init; }

    public required IReadOnlyDictionary<string, ChitChatLayerCounts> BySource { get; init; }

    /// <summary>Right and wrong hits over labelled utterances; null when no label map was given.</summary>
    public ChitChatLabelResult? Labels { get; init; }

    /// <summary>Hits per answering template or corpus entry id, most used first.</summary>
    public required IReadOnlyDictionary<string, int> HitsById { get; init; }

    /// <summary>Every held-out utterance and what happened to it, in input order (not serialized: thousands of lines).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public required IReadOnlyList<ChitChatOutcome> Outcomes { get; init; }
}
