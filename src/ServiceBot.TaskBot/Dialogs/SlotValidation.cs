namespace ServiceBot.TaskBot.Dialogs;

/// <summary>Rules a slot value must meet besides its type.</summary>
public sealed class SlotValidation
{
    /// <summary>A regular expression the whole value must match.</summary>
    public string? Pattern { get; set; }

    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    /// <summary>For dates: the earliest acceptable day, in days from today (0: today; -30: a month ago).</summary>
    public int? MinDays { get; set; }

    /// <summary>For dates: the latest acceptable day, in days from today.</summary>
    public int? MaxDays { get; set; }
}
