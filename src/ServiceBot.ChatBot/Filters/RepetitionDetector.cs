using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot.Filters;

/// <summary>
/// Finds degenerate generations: a unit of text repeated back to back ("好的好的好的好的…", a sentence
/// looping), and replies where most character n-grams are repeats of earlier ones.
/// </summary>
/// <remarks>Pure and allocation-light; O(n·u) for n characters and units up to 200 characters. Thread-safe.</remarks>
internal static class RepetitionDetector
{
    private const int MaxUnit = 200;

    /// <summary>The loop found in <paramref name="text"/>, or null.</summary>
    public static RepetitionLoop? Find(string text, RepetitionSettings settings)
    {
        var span = text.AsSpan();
        var maxUnit = Math.Min(MaxUnit, span.Length / Math.Max(2, settings.MinRepeats));
        for (var unit = Math.Max(1, settings.MinUnit); unit <= maxUnit; unit++)
        {
            var run = 0;
            for (var i = 0; i + unit < span.Length; i++)
            {
                run = span[i] == span[i + unit] ? run + 1 : 0;

                // `run` equal characters at distance `unit` mean the text from i - run + 1 repeats itself;
                // (repeats - 1) whole units of agreement make `repeats` copies.
                if (run >= unit * (settings.MinRepeats - 1))
                {
                    var start = i - run + 1;
                    if (SentenceSplitter.HasContent(span.Slice(start, unit)))
                    {
                        return new RepetitionLoop(start, unit, "loop");
                    }
                }
            }
        }

        if (span.Length >= settings.MinLengthForRatio && RepeatedRatio(text, settings.Ngram) > settings.MaxRepeatedRatio)
        {
            return new RepetitionLoop(-1, 0, "repeated-ngrams");
        }

        return null;
    }

    /// <summary>Share of character n-grams that already occurred earlier in the text.</summary>
    public static double RepeatedRatio(string text, int n)
    {
        if (text.Length < n || n <= 0)
        {
            return 0;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = 0;
        var total = 0;
        for (var i = 0; i + n <= text.Length; i++)
        {
            total++;
            if (!seen.Add(text.Substring(i, n)))
            {
                repeated++;
            }
        }

        return (double)repeated / total;
    }
}
