namespace ServiceBot.TaskBot.Extraction;

/// <summary>What a number found in customer text stands for.</summary>
public enum NumberKind
{
    Number,
    Amount,
    Percent,
    Ordinal,
}
