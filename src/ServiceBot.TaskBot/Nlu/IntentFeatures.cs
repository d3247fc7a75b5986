using System.Text;

namespace ServiceBot.TaskBot.Nlu;

/// <summary>
/// Turns an utterance into sparse feature keys: character n-grams of the whole text (robust to
/// segmentation errors, typos and unseen words, and language-neutral) plus word unigrams and
/// bigrams of its segmentation (which carry meaning the n-grams split).
/// </summary>
internal static class IntentFeatures
{
    /// <summary>Appends the feature keys of one utterance (with repeats) to <paramref name="keys"/>.</summary>
    public static void Collect(string text, IReadOnlyList<string> words, int maxCharGram, List<ulong> keys)
    {
        var padded = Pad(text);
        for (var n = 1; n <= maxCharGram; n++)
        {
            for (var i = 0; i + n <= padded.Length; i++)
            {
                var gram = padded.AsSpan(i, n);
                if (n == 1 && gram[0] == ' ')
                {
                    continue;
                }

                keys.Add(Hash('c', gram));
            }
        }

        string? previous = null;
        foreach (var word in words)
        {
            keys.Add(Hash('w', word));
            keys.Add(Hash('b', (previous ?? "^") + "\u0001" + word));
            previous = word;
        }

        if (previous is not null)
        {
            keys.Add(Hash('b', previous + "\u0001$"));
        }
    }

    // Word boundaries become single spaces, and the text is framed by spaces, so that "^re" and
    // "rn$" style grams exist for English while Chinese text is mostly unaffected.
    private static string Pad(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append(' ');
        var space = true;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                if (!space)
                {
                    builder.Append(' ');
                    space = true;
                }

                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
            space = false;
        }

        if (!space)
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }

    // FNV-1a over UTF-16 code units, seeded with the feature kind so a word and a one-character
    // gram of the same text stay apart.
    private static ulong Hash(char kind, ReadOnlySpan<char> value)
    {
        var hash = 14695981039346656037UL ^ kind;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
