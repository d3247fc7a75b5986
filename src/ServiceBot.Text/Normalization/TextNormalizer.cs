using System.Buffers;
using System.Text;

namespace ServiceBot.Text.Normalization;

/// <summary>
/// Normalizes text before segmentation: folds every character (<see cref="ICharFolder"/>: width,
/// compatibility forms, case), removes invisible and control characters and lone surrogates, collapses
/// whitespace runs to one space and trims, converts traditional to simplified Chinese phrase-aware with
/// OpenCC, and keeps a map from every normalized offset to the original one.
/// </summary>
/// <remarks>
/// Thread-safe; never throws for any string. The normalized text is never longer than the original.
/// Emoji and other characters outside the Basic Multilingual Plane are kept as they are, except the
/// mathematical alphanumerics (𝐀, 𝟏), which fold to plain letters and digits.
/// </remarks>
public sealed class TextNormalizer
{
    private const int StackLimit = 512;

    private readonly CharFoldTable _table;
    private readonly OpenCcConverter? _converter;

    internal TextNormalizer(CharFoldTable table, OpenCcConverter? converter)
    {
        _table = table;
        _converter = converter;
    }

    /// <summary>The per-character folder this normalizer uses.</summary>
    public ICharFolder Folder => _table;

    /// <summary>Normalizes <paramref name="text"/>; null gives empty text.</summary>
    public NormalizedText Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new NormalizedText(text ?? "", "", null);
        }

        var n = text.Length;
        char[]? rentedChars = null;
        int[]? rentedMap = null;
        var output = n <= StackLimit ? stackalloc char[n] : (rentedChars = ArrayPool<char>.Shared.Rent(n));
        var map = n <= StackLimit ? stackalloc int[n + 1] : (rentedMap = ArrayPool<int>.Shared.Rent(n + 1));
        try
        {
            var (length, changed, hasTraditional) = Fold(text, output, map);
            var normalized = !changed ? text : new string(output[..length]);
            if (hasTraditional)
            {
                normalized = ToSimplified(normalized);
            }

            var offsets = length == n ? null : map[..(length + 1)].ToArray();
            return new NormalizedText(text, normalized, offsets);
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }

            if (rentedMap is not null)
            {
                ArrayPool<int>.Shared.Return(rentedMap);
            }
        }
    }

    private (int Length, bool Changed, bool HasTraditional) Fold(string text, Span<char> output, Span<int> map)
    {
        var n = text.Length;
        var j = 0;
        var pendingSpace = -1;
        var lastEnd = 0;
        var changed = false;
        var hasTraditional = false;
        for (var i = 0; i < n; i++)
        {
            var c = text[i];
            char folded;
            var width = 1;
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= n || !char.IsLowSurrogate(text[i + 1]))
                {
                    changed = true;
                    continue;
                }

                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                folded = FoldSupplementary(codePoint);
                if (folded == '\uFFFF')
                {
                    // Kept as is: emoji, rare ideographs, historic scripts.
                    FlushSpace(ref j, ref pendingSpace, output, map);
                    output[j] = c;
                    output[j + 1] = text[i + 1];
                    map[j] = i;
                    map[j + 1] = i + 1;
                    j += 2;
                    i++;
                    lastEnd = i + 1;
                    continue;
                }

                changed = true;
                width = 2;
            }
            else
            {
                folded = _table.FoldKeepScript(c);
                changed |= folded != c;
            }

            if (folded == '\0')
            {
                i += width - 1;
                continue;
            }

            if (folded == ' ')
            {
                if (j > 0 && pendingSpace < 0)
                {
                    pendingSpace = i;
                }
                else
                {
                    changed = true;
                }

                continue;
            }

            FlushSpace(ref j, ref pendingSpace, output, map);
            output[j] = folded;
            map[j] = i;
            j++;
            i += width - 1;
            lastEnd = i + 1;
            hasTraditional |= _table.IsTraditional(folded);
        }

        // A trailing space run is dropped, not flushed.
        changed |= pendingSpace >= 0 || j != n;
        map[j] = lastEnd;
        return (j, changed, hasTraditional);
    }

    private static void FlushSpace(ref int j, ref int pendingSpace, Span<char> output, Span<int> map)
    {
        if (pendingSpace < 0)
        {
            return;
        }

        output[j] = ' ';
        map[j] = pendingSpace;
        j++;
        pendingSpace = -1;
    }

    /// <summary>Mathematical alphanumerics fold to their letter or digit; ignorable tags and selectors to '\0'; the rest are kept (U+FFFF).</summary>
    private char FoldSupplementary(int codePoint)
    {
        if (codePoint is >= 0xE0000 and <= 0xE007F or >= 0xE0100 and <= 0xE01EF)
        {
            return '\0';
        }

        if (codePoint is >= 0x1D400 and <= 0x1D7FF)
        {
            var nfkc = char.ConvertFromUtf32(codePoint).Normalize(NormalizationForm.FormKC);
            if (nfkc.Length == 1)
            {
                return _table.FoldKeepScript(nfkc[0]);
            }
        }

        return '\uFFFF';
    }

    private string ToSimplified(string text)
    {
        // OpenCC converts phrase by phrase; its output is used when it keeps every offset in place
        // (it does for all but a handful of phrases), else each character is folded on its own.
        if (_converter is not null)
        {
            var converted = _converter.Convert(text);
            if (converted.Length == text.Length)
            {
                return converted;
            }
        }

        return string.Create(text.Length, (text, _table), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[i];
                var f = state._table.Fold(c);
                span[i] = f == '\0' ? c : f;
            }
        });
    }
}
