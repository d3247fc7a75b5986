namespace ServiceBot.Text.Analysis;

/// <summary>
/// A light English stemmer: Porter's steps 1a–1c and 5 (plurals, -ed/-ing, final y, final e, double l),
/// without the derivational suffix steps. "returns", "returned", "returning" → "return"; "charges",
/// "charged" → "charg"; "deliveries", "delivery" → "deliveri". Index terms only, never shown.
/// </summary>
/// <remarks>Stateless and thread-safe. Words that are not all lower-case ASCII letters, or shorter than 3, are returned as given.</remarks>
internal static class EnglishStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 2)
        {
            return word;
        }

        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return word;
            }
        }

        Span<char> buffer = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        word.CopyTo(buffer);
        var length = Step1A(buffer, word.Length);
        length = Step1B(buffer, length);
        length = Step1C(buffer, length);
        length = Step5(buffer, length);
        return length == word.Length ? word : new string(buffer[..length]);
    }

    private static int Step1A(Span<char> w, int n)
    {
        if (EndsWith(w, n, "sses") || EndsWith(w, n, "ies"))
        {
            return n - 2;
        }

        if (EndsWith(w, n, "ss"))
        {
            return n;
        }

        return w[n - 1] == 's' ? n - 1 : n;
    }

    private static int Step1B(Span<char> w, int n)
    {
        if (EndsWith(w, n, "eed"))
        {
            return Measure(w, n - 3) > 0 ? n - 1 : n;
        }

        int stem;
        if (EndsWith(w, n, "ed") && HasVowel(w, n - 2))
        {
            stem = n - 2;
        }
        else if (EndsWith(w, n, "ing") && HasVowel(w, n - 3))
        {
            stem = n - 3;
        }
        else
        {
            return n;
        }

        if (EndsWith(w, stem, "at") || EndsWith(w, stem, "bl") || EndsWith(w, stem, "iz"))
        {
            w[stem] = 'e';
            return stem + 1;
        }

        if (EndsWithDoubleConsonant(w, stem) && w[stem - 1] is not ('l' or 's' or 'z'))
        {
            return stem - 1;
        }

        if (Measure(w, stem) == 1 && EndsCvc(w, stem))
        {
            w[stem] = 'e';
            return stem + 1;
        }

        return stem;
    }

    private static int Step1C(Span<char> w, int n)
    {
        if (w[n - 1] == 'y' && HasVowel(w, n - 1))
        {
            w[n - 1] = 'i';
        }

        return n;
    }

    private static int Step5(Span<char> w, int n)
    {
        if (n > 1 && w[n - 1] == 'e')
        {
            var m = Measure(w, n - 1);
            if (m > 1 || (m == 1 && !EndsCvc(w, n - 1)))
            {
                n--;
            }
        }

        if (n > 1 && w[n - 1] == 'l' && EndsWithDoubleConsonant(w, n) && Measure(w, n) > 1)
        {
            n--;
        }

        return n;
    }

    private static bool EndsWith(ReadOnlySpan<char> w, int n, string suffix) =>
        n >= suffix.Length && w[..n].EndsWith(suffix, StringComparison.Ordinal);

    private static bool IsConsonant(ReadOnlySpan<char> w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    /// <summary>Porter's m: the number of vowel-consonant sequences in <c>w[..n]</c>.</summary>
    private static int Measure(ReadOnlySpan<char> w, int n)
    {
        var m = 0;
        var i = 0;
        while (i < n && IsConsonant(w, i))
        {
            i++;
        }

        while (i < n)
        {
            while (i < n && !IsConsonant(w, i))
            {
                i++;
            }

            if (i >= n)
            {
                break;
            }

            while (i < n && IsConsonant(w, i))
            {
                i++;
            }

            m++;
        }

        return m;
    }

    private static bool HasVowel(ReadOnlySpan<char> w, int n)
    {
        for (var i = 0; i < n; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithDoubleConsonant(ReadOnlySpan<char> w, int n) =>
        n >= 2 && w[n - 1] == w[n - 2] && IsConsonant(w, n - 1);

    /// <summary>Porter's *o: ends consonant-vowel-consonant, the last not w, x or y.</summary>
    private static bool EndsCvc(ReadOnlySpan<char> w, int n) =>
        n >= 3 && IsConsonant(w, n - 3) && !IsConsonant(w, n - 2) && IsConsonant(w, n - 1) && w[n - 1] is not ('w' or 'x' or 'y');
}
