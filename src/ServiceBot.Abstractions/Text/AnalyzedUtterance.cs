namespace ServiceBot.Abstractions.Text;

/// <summary>
/// An utterance after normalization and segmentation. Immutable and safe to share.
/// </summary>
/// <remarks>
/// Offsets in <see cref="Tokens"/> refer to <see cref="Normalized"/>; <see cref="ToOriginalSpan"/> maps a
/// span back to <see cref="Original"/> so that matches can be shown where the customer typed them,
/// even when normalization removed or folded characters.
/// </remarks>
public sealed class AnalyzedUtterance
{
    private readonly int[]? _normalizedToOriginal;
    private string[]? _terms;

    /// <summary>Creates an analyzed utterance.</summary>
    /// <param name="original">Text as received.</param>
    /// <param name="normalized">Text after normalization.</param>
    /// <param name="tokens">Segmentation of <paramref name="normalized"/>.</param>
    /// <param name="language">Language the characters indicate.</param>
    /// <param name="normalizedToOriginal">
    /// For each index of <paramref name="normalized"/> plus one past the end, the index in
    /// <paramref name="original"/> it came from; null when the two strings align one to one.
    /// </param>
    public AnalyzedUtterance(string original, string normalized, IReadOnlyList<Token> tokens, TextLanguage language, int[]? normalizedToOriginal = null)
    {
        if (normalizedToOriginal is not null && normalizedToOriginal.Length != normalized.Length + 1)
        {
            throw new ArgumentException("The offset map needs one entry per normalized character plus one.", nameof(normalizedToOriginal));
        }

        Original = original;
        Normalized = normalized;
        Tokens = tokens;
        Language = language;
        _normalizedToOriginal = normalizedToOriginal;
    }

    /// <summary>An empty utterance (no text).</summary>
    public static AnalyzedUtterance Empty { get; } = new("", "", [], TextLanguage.Unknown);

    public string Original { get; }

    public string Normalized { get; }

    public IReadOnlyList<Token> Tokens { get; }

    public TextLanguage Language { get; }

    /// <summary>Index terms of the content tokens, in order (duplicates kept): what lexical matching counts.</summary>
    public IReadOnlyList<string> Terms => _terms ??= BuildTerms();

    /// <summary>True when the utterance has no content tokens (empty, only punctuation or only stop words).</summary>
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>Maps a span of <see cref="Normalized"/> to the corresponding span of <see cref="Original"/>.</summary>
    public (int Start, int Length) ToOriginalSpan(int start, int length)
    {
        if (_normalizedToOriginal is null)
        {
            return (start, length);
        }

        var s = _normalizedToOriginal[Math.Clamp(start, 0, Normalized.Length)];
        var e = _normalizedToOriginal[Math.Clamp(start + length, 0, Normalized.Length)];
        return (s, Math.Max(0, e - s));
    }

    private string[] BuildTerms()
    {
        var count = 0;
        foreach (var token in Tokens)
        {
            if (token.IsContent)
            {
                count++;
            }
        }

        var terms = new string[count];
        var i = 0;
        foreach (var token in Tokens)
        {
            if (token.IsContent)
            {
                terms[i++] = token.Term;
            }
        }

        return terms;
    }
}
