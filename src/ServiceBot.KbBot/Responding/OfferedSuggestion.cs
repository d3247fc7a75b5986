namespace ServiceBot.KbBot.Responding;

/// <summary>One "did you mean" question shown to the customer.</summary>
internal sealed class OfferedSuggestion
{
    public string FaqId { get; set; } = "";

    public string Question { get; set; } = "";

    public double Probability { get; set; }
}
