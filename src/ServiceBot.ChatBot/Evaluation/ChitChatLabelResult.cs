namespace ServiceBot.ChatBot.Evaluation;

/// <summary>
/// Whether hits were the right ones, over the utterances whose data-set label the label map judges:
/// a label mapped to template/corpus ids is right only when one of them answers; a label mapped to no
/// id means the bot has no counterpart, so any hit is a wrong one.
/// </summary>
/// <param name="Judged">Held-out utterances whose label the map lists.</param>
/// <param name="Answerable">Of those, utterances whose label maps to at least one id.</param>
/// <param name="Hits">Judged utterances that a chit-chat layer answered.</param>
/// <param name="RightHits">Hits by a mapped id.</param>
/// <param name="Unjudged">Held-out utterances with a label the map does not list, or with no label.</param>
public sealed record ChitChatLabelResult(int Judged, int Answerable, int Hits, int RightHits, int Unjudged)
{
    /// <summary>Right hits per hit: how often a chit-chat answer was the right one; NaN without hits.</summary>
    public double Precision => Hits == 0 ? double.NaN : (double)RightHits / Hits;

    /// <summary>Right hits per answerable utterance; NaN without answerable utterances.</summary>
    public double RightRate => Answerable == 0 ? double.NaN : (double)RightHits / Answerable;
}
