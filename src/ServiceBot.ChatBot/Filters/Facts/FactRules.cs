namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>
/// Word lists the fact checker needs beyond patterns: which words form names, which Latin words are
/// ordinary, and what is always true for the bot. The defaults ship with the ChatBot
/// (<c>Resources/fact-rules.yaml</c>); a bot adds to them in <c>chatbot.filters.facts</c>.
/// </summary>
internal sealed class FactRules
{
    /// <summary>Endings that make a Chinese word a name to check (银行, 公司, 快递): 农业银行 must be in the sources.</summary>
    public List<string> NameSuffixes { get; set; } = [];

    /// <summary>
    /// The bot's own brands (鹿鸣, Luming): a name starting with one (鹿鸣智能音箱) must be in the sources,
    /// the way a product of the shop would be.
    /// </summary>
    public List<string> BrandPrefixes { get; set; } = [];

    /// <summary>Latin words that are never names, even capitalized mid-sentence or inside Chinese text (App, OK, VIP).</summary>
    public List<string> CommonWords { get; set; } = [];

    /// <summary>
    /// Words after an English number that make it no count of anything to check: function words
    /// ("3 of them", "2 or more") and the reply's talk about itself ("two ways", "three steps").
    /// </summary>
    public List<string> CountStopWords { get; set; } = [];

    /// <summary>Names checked wherever they appear, whatever their script (competitors, products).</summary>
    public List<string> Names { get; set; } = [];

    /// <summary>Statements always supported for this bot: its hotline, website, own name.</summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>These rules with <paramref name="other"/>'s entries added.</summary>
    public FactRules Merge(FactRules? other) => other is null
        ? this
        : new FactRules
        {
            NameSuffixes = [.. NameSuffixes.Union(other.NameSuffixes, StringComparer.Ordinal)],
            BrandPrefixes = [.. BrandPrefixes.Union(other.BrandPrefixes, StringComparer.Ordinal)],
            CommonWords = [.. CommonWords.Union(other.CommonWords, StringComparer.OrdinalIgnoreCase)],
            CountStopWords = [.. CountStopWords.Union(other.CountStopWords, StringComparer.OrdinalIgnoreCase)],
            Names = [.. Names.Union(other.Names, StringComparer.OrdinalIgnoreCase)],
            Allow = [.. Allow.Union(other.Allow, StringComparer.Ordinal)],
        };
}
