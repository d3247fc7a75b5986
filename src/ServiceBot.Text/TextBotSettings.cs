namespace ServiceBot.Text;

/// <summary>
/// The <c>text</c> section of a bot.yaml: word lists the bot brings to text analysis. Paths are relative
/// to bot.yaml.
/// </summary>
/// <example>
/// <code>
/// text:
///   user-dictionaries: [../../knowledge/shop/words.txt]
///   synonyms: [../../knowledge/shop/synonyms.txt]
/// </code>
/// </example>
public sealed class TextBotSettings
{
    /// <summary>Section name in bot.yaml.</summary>
    public const string Section = "text";

    /// <summary>
    /// jieba user dictionaries (product names, order terms): "word [freq] [tag]" per line. Their words
    /// are added to the process-wide segmenter, so they affect every bot the process serves.
    /// </summary>
    public List<string> UserDictionaries { get; set; } = [];

    /// <summary>Synonym files (one group per line, see <see cref="Synonyms.SynonymSet"/>), for query expansion.</summary>
    public List<string> Synonyms { get; set; } = [];
}
