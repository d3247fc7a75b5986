namespace ServiceBot.TaskBot.Extraction;

/// <summary>Folds full-width forms to ASCII and ASCII letters to lower case, keeping every index in place.</summary>
internal static class TextFold
{
    /// <summary>Returns a string of the same length, so match offsets found in it are offsets into <paramref name="text"/>.</summary>
    public static string Fold(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = FoldChar(source[i]);
            }
        });

    private static char FoldChar(char c)
    {
        // The full-width comma stays: in Chinese it separates clauses, not thousands.
        if (c is >= '\uFF01' and <= '\uFF5E' && c != '\uFF0C')
        {
            c = (char)(c - 0xFEE0);
        }
        else if (c == '\u3000')
        {
            return ' ';
        }
        else if (c == '\uFFE5')
        {
            return '¥';
        }
        else if (c is '\u2212' or '\u2013' or '\u2014')
        {
            return '-';
        }

        return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
    }
}
