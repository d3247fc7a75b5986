namespace ServiceBot.Abstractions.Knowledge;

/// <summary>A button under an answer: sends text back (<c>imBack</c>) or opens a link (<c>openUrl</c>).</summary>
public sealed class AnswerButton
{
    public string Title { get; set; } = "";

    /// <summary><c>imBack</c> (the default) or <c>openUrl</c>.</summary>
    public string Type { get; set; } = "imBack";

    /// <summary>Text sent back, or the URL; the title when empty.</summary>
    public string? Value { get; set; }

    public AnswerButton Clone() => new() { Title = Title, Type = Type, Value = Value };
}
