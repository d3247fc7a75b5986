namespace ServiceBot.TaskBot.Dialogs;

/// <summary>
/// TaskBot's marker words (yes, no, cancel, question, procedure, want) as the built-in
/// lexicon and a bot's <c>taskbot.lexicon</c> define them.
/// </summary>
public sealed class TaskBotLexicon
{
    public List<string> Yes { get; set; } = [];

    public List<string> No { get; set; } = [];

    public List<string> Cancel { get; set; } = [];

    public List<string> Question { get; set; } = [];

    public List<string> Procedure { get; set; } = [];

    public List<string> Want { get; set; } = [];

    /// <summary>A lexicon with this one's words and <paramref name="other"/>'s.</summary>
    public TaskBotLexicon Merge(TaskBotLexicon? other) => other is null ? this : new()
    {
        Yes = [.. Yes, .. other.Yes],
        No = [.. No, .. other.No],
        Cancel = [.. Cancel, .. other.Cancel],
        Question = [.. Question, .. other.Question],
        Procedure = [.. Procedure, .. other.Procedure],
        Want = [.. Want, .. other.Want],
    };
}
