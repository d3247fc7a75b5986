namespace ServiceBot.Abstractions.Activities;

/// <summary>Values of <see cref="Activity.TextFormat"/>.</summary>
public static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
    public const string Xml = "xml";
}
