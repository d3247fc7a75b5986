namespace ServiceBot.KbBot.Formats;

/// <summary>How serious a problem found in an FAQ file is.</summary>
public enum FaqIssueSeverity
{
    /// <summary>Imported anyway (e.g. a duplicate similar question, dropped).</summary>
    Warning = 0,

    /// <summary>Blocks the import: nothing is written.</summary>
    Error,
}
