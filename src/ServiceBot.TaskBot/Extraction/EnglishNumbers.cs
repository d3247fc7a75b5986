namespace ServiceBot.TaskBot.Extraction;

/// <summary>Reads English number words ("two hundred", "one thousand two hundred and five", "twenty-first", "a dozen") from folded text.</summary>
internal static class EnglishNumbers
{
    private static readonly Dictionary<string, int> CardinalWords = new(StringComparer.Ordinal)
    {
        ["zero"] = 0,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
    };

    private static readonly Dictionary<string, int> OrdinalWords = new(StringComparer.Ordinal)
    {
        ["first"] = 1,
        ["second"] = 2,
        ["third"] = 3,
        ["fourth"] = 4,
        ["fifth"] = 5,
        ["sixth"] = 6,
        ["seventh"] = 7,
        ["eighth"] = 8,
        ["ninth"] = 9,
        ["tenth"] = 10,
        ["eleventh"] = 11,
        ["twelfth"] = 12,
        ["thirteenth"] = 13,
        ["fourteenth"] = 14,
        ["fifteenth"] = 15,
        ["sixteenth"] = 16,
        ["seventeenth"] = 17,
        ["eighteenth"] = 18,
        ["nineteenth"] = 19,
        ["twentieth"] = 20,
        ["thirtieth"] = 30,
        ["fortieth"] = 40,
        ["fiftieth"] = 50,
        ["sixtieth"] = 60,
        ["seventieth"] = 70,
        ["eightieth"] = 80,
        ["ninetieth"] = 90,
        ["hundredth"] = 100,
    };

    private static readonly Dictionary<string, decimal> ScaleWords = new(StringComparer.Ordinal)
    {
        ["hundred"] = 100m,
        ["thousand"] = 1_000m,
        ["million"] = 1_000_000m,
        ["billion"] = 1_000_000_000m,
        ["dozen"] = 12m,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Cardinals = CardinalWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Ordinals = OrdinalWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, decimal>.AlternateLookup<ReadOnlySpan<char>> Scales = ScaleWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The multiplier for a scale word (hundred, thousand, million, billion, dozen), or 0.</summary>
    public static decimal Scale(ReadOnlySpan<char> word) => Scales.TryGetValue(word, out var v) ? v : 0m;

    /// <summary>Reads number words starting at a word start <paramref name="i"/>.</summary>
    public static bool TryRead(string s, int i, out decimal value, out int end, out bool ordinal)
    {
        decimal total = 0, current = 0;
        bool any = false, lastTens = false, lastScale = false, article = false;
        ordinal = false;
        value = 0;
        end = i;
        var pos = i;
        while (true)
        {
            var we = WordEnd(s, pos);
            if (we == pos || (we < s.Length && Numerals.IsDigit(s[we])))
            {
                break;
            }

            var word = s.AsSpan(pos, we - pos);
            var free = !any || lastScale;
            if (Cardinals.TryGetValue(word, out var n))
            {
                if (!free && !(lastTens && n is > 0 and < 10))
                {
                    break;
                }

                current += n;
                lastTens = n >= 20;
                lastScale = false;
                any = true;
                end = we;
            }
            else if (Ordinals.TryGetValue(word, out n))
            {
                if (!free && !(lastTens && n is > 0 and < 10) && n != 100)
                {
                    break;
                }

                current = n == 100 ? Math.Max(current, 1) * 100 : current + n;
                ordinal = true;
                any = true;
                end = we;
                break;
            }
            else if (Scales.TryGetValue(word, out var scale))
            {
                if (!any && !article)
                {
                    break;
                }

                if (Math.Max(current, 1) > Numerals.Max / scale || total > Numerals.Max)
                {
                    break;
                }

                if (scale >= 1_000)
                {
                    total += Math.Max(current, 1) * scale;
                    current = 0;
                }
                else
                {
                    current = Math.Max(current, 1) * scale;
                }

                any = true;
                lastScale = true;
                lastTens = false;
                end = we;
            }
            else if (!any && !article && (word is "a" || word is "an"))
            {
                article = true;
            }
            else if (any && lastScale && word is "and")
            {
                // "one hundred and five": the "and" belongs to the number only if a number word follows.
            }
            else
            {
                break;
            }

            if (we + 1 < s.Length && s[we] is ' ' or '-' && Numerals.IsLetter(s[we + 1]))
            {
                pos = we + 1;
                if (article && !any && Scale(s.AsSpan(pos, WordEnd(s, pos) - pos)) == 0)
                {
                    break;
                }

                continue;
            }

            break;
        }

        if (!any)
        {
            return false;
        }

        value = total + current;
        return value <= Numerals.Max;
    }

    /// <summary>Index just past the run of ASCII letters at <paramref name="i"/>.</summary>
    public static int WordEnd(string s, int i)
    {
        var j = i;
        while (j < s.Length && Numerals.IsLetter(s[j]))
        {
            j++;
        }

        return j;
    }
}
