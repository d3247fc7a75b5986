namespace ServiceBot.KbBot.Formats;

/// <summary>A problem found in an FAQ file, with where it is.</summary>
/// <param name="Severity">Error (blocks the import) or warning.</param>
/// <param name="Location">Where: <c>row 12</c>, <c>line 3</c>, <c>entry 5</c>, or the file for whole-file problems.</param>
/// <param name="EntryId">The entry's id when known.</param>
/// <param name="Message">What is wrong, in words an operator can act on.</param>
public sealed record FaqIssue(FaqIssueSeverity Severity, string Location, string? EntryId, string Message)
{
    public override string ToString() => $"{(Severity == FaqIssueSeverity.Error ? "error" : "warning")}: {Location}{(EntryId is null ? "" : $" ({EntryId})")}: {Message}";
}
