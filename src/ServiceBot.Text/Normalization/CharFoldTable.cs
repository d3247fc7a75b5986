using System.Globalization;
using System.Text;
using ServiceBot.Text.Segmentation;

namespace ServiceBot.Text.Normalization;

/// <summary>
/// The prebuilt 64K-entry fold table behind <see cref="ICharFolder"/> and the normalizer: compatibility
/// (NFKC, where it yields one character), lower case, whitespace, removal of invisible characters and,
/// from OpenCC, traditional to simplified per character. Immutable and thread-safe.
/// </summary>
internal sealed class CharFoldTable : ICharFolder
{
    private readonly char[] _fold;
    private readonly char[] _foldKeepScript;
    private readonly bool[] _traditional;

    private CharFoldTable(char[] fold, char[] foldKeepScript, bool[] traditional, int traditionalCount)
    {
        _fold = fold;
        _foldKeepScript = foldKeepScript;
        _traditional = traditional;
        TraditionalCount = traditionalCount;
    }

    /// <summary>Number of characters folded from traditional to simplified.</summary>
    public int TraditionalCount { get; }

    public char Fold(char c) => _fold[c];

    /// <summary>The fold without the traditional-to-simplified step (which the normalizer does phrase by phrase).</summary>
    internal char FoldKeepScript(char c) => _foldKeepScript[c];

    /// <summary>True for a character (already folded otherwise) that has a different simplified form.</summary>
    internal bool IsTraditional(char c) => _traditional[c];

    /// <summary>Folds every character of <paramref name="text"/> and drops the removed ones.</summary>
    public string FoldString(string text)
    {
        var changed = false;
        foreach (var c in text)
        {
            if (_fold[c] != c)
            {
                changed = true;
                break;
            }
        }

        if (!changed)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var f = _fold[c];
            if (f != '\0')
            {
                sb.Append(f);
            }
        }

        return sb.ToString();
    }

    /// <summary>Builds the table; with <paramref name="converter"/> null, scripts are left as they are.</summary>
    public static CharFoldTable Build(OpenCcConverter? converter)
    {
        var keepScript = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            keepScript[i] = FoldOne((char)i);
        }

        var simplified = converter is null ? [] : TraditionalToSimplified(converter);
        var fold = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = keepScript[i];
            fold[i] = simplified.TryGetValue(c, out var s) ? keepScript[s] : c;
        }

        CloseUnderFolding(keepScript);
        CloseUnderFolding(fold);
        var traditional = new bool[char.MaxValue + 1];
        var count = 0;
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = keepScript[i];
            if (fold[c] != c && !traditional[c])
            {
                traditional[c] = true;
                count++;
            }
        }

        return new CharFoldTable(fold, keepScript, traditional, count);
    }

    private static char FoldOne(char c)
    {
        if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.OtherNotAssigned)
        {
            return c;
        }

        if (CharClasses.IsWhitespace(c) || char.IsWhiteSpace(c))
        {
            return ' ';
        }

        if (IsInvisible(c))
        {
            return '\0';
        }

        var compatible = c;
        var nfkc = c.ToString().Normalize(NormalizationForm.FormKC);
        if (nfkc.Length == 1 && !IsInvisible(nfkc[0]))
        {
            compatible = nfkc[0];
        }

        return char.ToLowerInvariant(compatible);
    }

    /// <summary>Control and format characters, variation selectors and the blank fillers used to hide text.</summary>
    private static bool IsInvisible(char c)
    {
        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.Control or UnicodeCategory.Format
            || c is >= '\uFE00' and <= '\uFE0F'
            || c is '\u034F' or '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800'
            || c is >= '\u180B' and <= '\u180D';
    }

    private static Dictionary<char, char> TraditionalToSimplified(OpenCcConverter converter)
    {
        // One call for every ideograph, one per line, so that no phrase can span two characters.
        var ideographs = new List<char>();
        foreach (var (first, last) in new[] { ('\u3400', '\u4DBF'), ('\u4E00', '\u9FFF'), ('\uF900', '\uFAFF') })
        {
            for (var c = first; c <= last; c++)
            {
                ideographs.Add(c);
            }
        }

        var converted = converter.Convert(string.Join('\n', ideographs)).Split('\n');
        var map = new Dictionary<char, char>();
        if (converted.Length != ideographs.Count)
        {
            return map;
        }

        for (var i = 0; i < ideographs.Count; i++)
        {
            if (converted[i].Length == 1 && converted[i][0] != ideographs[i])
            {
                map[ideographs[i]] = converted[i][0];
            }
        }

        return map;
    }

    private static void CloseUnderFolding(char[] table)
    {
        for (var round = 0; round < 4; round++)
        {
            var changed = false;
            for (var i = 0; i < table.Length; i++)
            {
                var next = table[table[i]];
                if (next != table[i])
                {
                    table[i] = next;
                    changed = true;
                }
            }

            if (!changed)
            {
                return;
            }
        }
    }
}
