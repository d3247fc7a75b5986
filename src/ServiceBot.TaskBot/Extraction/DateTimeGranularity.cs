namespace ServiceBot.TaskBot.Extraction;

/// <summary>How precise a date or time found in customer text is.</summary>
public enum DateTimeGranularity
{
    Date,
    DateTime,
    Range,
}
