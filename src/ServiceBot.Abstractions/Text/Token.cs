namespace ServiceBot.Abstractions.Text;

/// <summary>One segment of a normalized utterance.</summary>
/// <param name="Text">The surface form in <see cref="AnalyzedUtterance.Normalized"/>.</param>
/// <param name="Start">Offset of the token in <see cref="AnalyzedUtterance.Normalized"/>.</param>
/// <param name="Length">Length in UTF-16 code units.</param>
/// <param name="Kind">What the token is.</param>
/// <param name="Term">The index form: stemmed for English, the word itself for Chinese.</param>
/// <param name="IsStopWord">True for function words that carry no topic ("的", "the").</param>
public readonly record struct Token(string Text, int Start, int Length, TokenKind Kind, string Term, bool IsStopWord)
{
    /// <summary>True for tokens that take part in matching: words and numbers that are not stop words.</summary>
    public bool IsContent => !IsStopWord && Kind is TokenKind.Word or TokenKind.Latin or TokenKind.Number;
}
