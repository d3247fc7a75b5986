namespace ServiceBot.ChatBot.Evaluation;

/// <summary>How many held-out utterances each chit-chat layer answered.</summary>
/// <param name="Total">Utterances evaluated.</param>
/// <param name="Template">Answered by a template.</param>
/// <param name="Retrieval">Answered by retrieval chit-chat.</param>
/// <param name="Miss">Answered by neither (the ChatBot goes on to generation or its fallback).</param>
public sealed record ChitChatLayerCounts(int Total, int Template, int Retrieval, int Miss)
{
    /// <summary>Share answered by either layer; NaN when nothing was evaluated.</summary>
    public double HitRate => Total == 0 ? double.NaN : (double)(Template + Retrieval) / Total;

    /// <summary>Share answered by templates.</summary>
    public double TemplateRate => Total == 0 ? double.NaN : (double)Template / Total;

    /// <summary>Share answered by retrieval chit-chat.</summary>
    public double RetrievalRate => Total == 0 ? double.NaN : (double)Retrieval / Total;
}
