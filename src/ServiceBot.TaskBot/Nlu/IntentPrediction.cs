namespace ServiceBot.TaskBot.Nlu;

/// <summary>The classifier's view of an utterance: the most probable labels, best first.</summary>
public sealed record IntentPrediction(IReadOnlyList<(string Label, double Probability)> Ranked)
{
    public string Label => Ranked.Count > 0 ? Ranked[0].Label : "";

    public double Probability => Ranked.Count > 0 ? Ranked[0].Probability : 0;
}
