using ServiceBot.Abstractions.Retrieval;
using ServiceBot.ChatBot.Retrieval;
using ServiceBot.ChatBot.Templates;

namespace ServiceBot.ChatBot.ChitChat;

/// <summary>The chit-chat decision for one message: the layer that answers (or none) and what it saw.</summary>
/// <param name="Layer">The layer that answers, or <see cref="ChitChatLayer.None"/>.</param>
internal sealed record ChitChatMatch(ChitChatLayer Layer)
{
    /// <summary>The template that matched; set when <see cref="Layer"/> is <see cref="ChitChatLayer.Template"/>.</summary>
    public TemplateMatch? Template { get; init; }

    /// <summary>The best corpus question, when it reached the retrieval threshold (whether or not it answered).</summary>
    public ChitChatHit? Hit { get; init; }

    /// <summary>The best knowledge title's similarity to the message, computed only when <see cref="Hit"/> is set.</summary>
    public double BusinessSimilarity { get; init; }

    /// <summary>The knowledge passages retrieved for the business comparison; null when none were retrieved.</summary>
    public IReadOnlyList<RetrievedPassage>? Passages { get; init; }

    /// <summary>The answering template's or corpus entry's id; null when no layer answered.</summary>
    public string? Id => Layer switch
    {
        ChitChatLayer.Template => Template?.Template.Id,
        ChitChatLayer.Retrieval => Hit?.Entry.Id,
        _ => null,
    };

    /// <summary>The template's coverage or the corpus question's similarity; 0 when no layer answered.</summary>
    public double Score => Layer switch
    {
        ChitChatLayer.Template => Template?.Coverage ?? 0,
        ChitChatLayer.Retrieval => Hit?.Similarity ?? 0,
        _ => 0,
    };
}
