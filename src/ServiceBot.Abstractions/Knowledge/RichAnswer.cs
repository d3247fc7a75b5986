namespace ServiceBot.Abstractions.Knowledge;

/// <summary>An answer as operators write it: text (plain or Markdown, links inline) and optional buttons.</summary>
public sealed class RichAnswer
{
    public string Text { get; set; } = "";

    /// <summary><c>plain</c> or <c>markdown</c>.</summary>
    public string Format { get; set; } = "plain";

    public List<AnswerButton> Buttons { get; set; } = [];

    public static RichAnswer Plain(string text) => new() { Text = text };

    public RichAnswer Clone() => new() { Text = Text, Format = Format, Buttons = Buttons.ConvertAll(b => b.Clone()) };
}
