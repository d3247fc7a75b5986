namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>One entry of <c>rejector.lists</c>: a word-list file (relative to bot.yaml) and the category of its lines that name none.</summary>
internal sealed class WordListSetting
{
    public string Path { get; set; } = "";

    public string Category { get; set; } = "default";

    /// <summary>An allow-list: its words are never reported, nor any match that lies inside one of them.</summary>
    public bool Allow { get; set; }
}
