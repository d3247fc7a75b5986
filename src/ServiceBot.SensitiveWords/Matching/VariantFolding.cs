using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using ServiceBot.Text.Normalization;

namespace ServiceBot.SensitiveWords.Matching;

/// <summary>
/// The character folding the sensitive-word matcher applies to customer text and to word lists
/// alike, so that an evasion folds to the same characters as the word it hides: Unicode
/// compatibility forms (full width, circled and mathematical letters, Kangxi radicals), diacritics,
/// case, traditional → simplified (text analysis's character folder, through OpenCC), look-alike letters and digits written for
/// letters (from <c>Resources/variants.tsv</c>), and noise: spaces, punctuation, symbols, emoji and
/// invisible characters, which the matcher skips.
/// </summary>
/// <remarks>
/// Built once into a 64K table (one array read per character) and immutable afterwards, so one instance
/// serves every thread. Characters outside the Basic Multilingual Plane are folded through a small map
/// of the ranges used for evasions (mathematical and enclosed letters, emoji); others stay as they are.
/// </remarks>
internal sealed class VariantFolding
{
    /// <summary>The fold of a character the matcher skips.</summary>
    public const char Noise = '\uFFFF';

    private static readonly Lazy<VariantFolding> DefaultInstance = new(CreateDefault);

    private readonly char[] _table;
    private readonly FrozenDictionary<int, char> _supplementary;

    private VariantFolding(char[] table, FrozenDictionary<int, char> supplementary, bool foldsTraditional)
    {
        _table = table;
        _supplementary = supplementary;
        FoldsTraditional = foldsTraditional;
    }

    /// <summary>
    /// The folding with text analysis's character folder and the embedded variant table: traditional
    /// characters fold to simplified when OpenCC is installed (<see cref="FoldsTraditional"/>).
    /// </summary>
    public static VariantFolding Default => DefaultInstance.Value;

    /// <summary>
    /// Whether traditional Chinese folds to simplified. False only where OpenCC is missing, and then
    /// a word written in traditional characters evades a list written in simplified ones.
    /// </summary>
    public bool FoldsTraditional { get; }

    /// <summary>The 64K table: fold of every UTF-16 code unit (surrogates map to themselves).</summary>
    internal ReadOnlySpan<char> Table => _table;

    /// <summary>Supplementary-plane code points that fold to a BMP character or to <see cref="Noise"/>.</summary>
    internal FrozenDictionary<int, char> Supplementary => _supplementary;

    /// <summary>Builds the table from a base folder (width, case, script) and a variant map.</summary>
    /// <param name="baseFold">Folds one character; must be total (any char in, some char out).</param>
    /// <param name="variants">Variant → target characters applied after <paramref name="baseFold"/>.</param>
    /// <param name="foldsTraditional">Whether <paramref name="baseFold"/> folds traditional Chinese to simplified.</param>
    public static VariantFolding Create(Func<char, char> baseFold, IReadOnlyDictionary<char, char> variants, bool foldsTraditional = false)
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            table[i] = char.IsSurrogate(c) ? c : FoldOne(CompatibilityForm(c), baseFold, variants);
        }

        return new VariantFolding(table, BuildSupplementary(table, baseFold, variants), foldsTraditional);
    }

    private static VariantFolding CreateDefault()
    {
        // Characters the text folder removes come back as '\0', a control character, so they become noise.
        var folder = CharFolders.CreateBestAvailable(out var foldsTraditional);
        return Create(folder.Fold, VariantTable.LoadEmbedded(), foldsTraditional);
    }

    /// <summary>Folds one BMP character; <see cref="Noise"/> for characters the matcher skips.</summary>
    public char Fold(char c) => _table[c];

    /// <summary>Folds a supplementary code point; null when it has no fold (it then breaks a match).</summary>
    public char? FoldSupplementary(int codePoint) => _supplementary.TryGetValue(codePoint, out var folded) ? folded : null;

    /// <summary>
    /// Folds a whole string the way the matcher reads text, dropping noise: the key under which a
    /// word-list entry is stored. Lone surrogates and unmapped supplementary characters are kept as
    /// they are.
    /// </summary>
    public string FoldKey(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                i++;
                if (FoldSupplementary(codePoint) is { } folded)
                {
                    if (folded != Noise)
                    {
                        builder.Append(folded);
                    }
                }
                else
                {
                    builder.Append(text.Slice(i - 1, 2));
                }

                continue;
            }

            var f = _table[c];
            if (f != Noise)
            {
                builder.Append(f);
            }
        }

        return builder.ToString();
    }

    /// <summary>True for characters whose fold is an ASCII letter or digit: Latin-word characters for whole-word rules.</summary>
    public bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(_table[c]);

    private static char FoldOne(char c, Func<char, char> baseFold, IReadOnlyDictionary<char, char> variants)
    {
        var folded = baseFold(c);
        if (variants.TryGetValue(folded, out var target) || variants.TryGetValue(c, out target))
        {
            return target;
        }

        return IsNoise(folded) ? Noise : folded;
    }

    /// <summary>NFKC when it gives one character, then the base letter of an accented Latin letter.</summary>
    private static char CompatibilityForm(char c)
    {
        if (c < 0x80)
        {
            return c;
        }

        string compatible;
        try
        {
            compatible = c.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return c;
        }

        var result = compatible.Length == 1 ? compatible[0] : c;
        if (result is >= '\u00C0' and < '\u0250')
        {
            var decomposed = result.ToString().Normalize(NormalizationForm.FormD);
            if (decomposed.Length > 1 && char.IsAsciiLetter(decomposed[0]))
            {
                result = decomposed[0];
            }
        }

        return result;
    }

    private static bool IsNoise(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
        UnicodeCategory.Control or UnicodeCategory.Format => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
        UnicodeCategory.OtherNotAssigned => c == Noise,
        _ => false,
    };

    private static FrozenDictionary<int, char> BuildSupplementary(char[] table, Func<char, char> baseFold, IReadOnlyDictionary<char, char> variants)
    {
        var map = new Dictionary<int, char>();

        // Mathematical alphanumerics (𝐀 𝑎 𝟙…) and enclosed alphanumerics (🄰…) fold through NFKC.
        foreach (var (first, last) in new[] { (0x1D400, 0x1D7FF), (0x1F100, 0x1F1FF) })
        {
            for (var cp = first; cp <= last; cp++)
            {
                var text = char.ConvertFromUtf32(cp);
                var compatible = text.Normalize(NormalizationForm.FormKC);
                if (compatible.Length == 1)
                {
                    map[cp] = table[compatible[0]];
                }
            }
        }

        // Negative circled, negative squared letters and regional indicators have no NFKC form: 🅐 🅰 🇦 → a.
        foreach (var first in new[] { 0x1F150, 0x1F170, 0x1F1E6 })
        {
            for (var k = 0; k < 26; k++)
            {
                map[first + k] = FoldOne((char)('a' + k), baseFold, variants);
            }
        }

        // Emoji, pictographs, tags and variation selectors inserted between characters are noise.
        foreach (var (first, last) in new[] { (0x1F000, 0x1F0FF), (0x1F200, 0x1FAFF), (0xE0000, 0xE007F), (0xE0100, 0xE01EF) })
        {
            for (var cp = first; cp <= last; cp++)
            {
                map.TryAdd(cp, Noise);
            }
        }

        return map.ToFrozenDictionary();
    }
}
