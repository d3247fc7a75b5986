using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Bots;

/// <summary>
/// A reply written in several languages, each with one or more variants, as bot content defines it:
/// either one string for every language, or a map from language (<c>zh</c>, <c>en</c>, or a full
/// locale) to a string or a list of variants.
/// </summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText
{
    private readonly Dictionary<string, string[]> _variants;

    public LocalizedText(IReadOnlyDictionary<string, string[]> variants) =>
        _variants = new Dictionary<string, string[]>(variants, StringComparer.OrdinalIgnoreCase);

    /// <summary>The same text in every language.</summary>
    public static LocalizedText Invariant(string text) => new(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["*"] = [text] });

    public IReadOnlyDictionary<string, string[]> Variants => _variants;

    /// <summary>
    /// Picks a variant for <paramref name="locale"/>: the exact locale, then its language
    /// (<c>zh-CN</c> → <c>zh</c>), then the invariant text, then the first language defined.
    /// </summary>
    public string Pick(string locale, Random? random = null)
    {
        var options = Resolve(locale);
        return options.Length switch
        {
            0 => "",
            1 => options[0],
            _ => options[(random ?? Random.Shared).Next(options.Length)],
        };
    }

    private string[] Resolve(string locale)
    {
        if (_variants.TryGetValue(locale, out var exact))
        {
            return exact;
        }

        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && _variants.TryGetValue(locale[..dash], out var language))
        {
            return language;
        }

        if (_variants.TryGetValue("*", out var invariant))
        {
            return invariant;
        }

        foreach (var (key, value) in _variants)
        {
            if (key.StartsWith(locale.Length >= 2 ? locale[..2] : locale, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return _variants.Count > 0 ? _variants.First().Value : [];
    }
}
