namespace ServiceBot.Abstractions.Text;

/// <summary>What a token is, as segmentation sees it.</summary>
public enum TokenKind
{
    /// <summary>A Chinese (CJK) word.</summary>
    Word = 0,

    /// <summary>A run of Latin letters (possibly with digits, e.g. <c>iphone15</c>).</summary>
    Latin,

    /// <summary>Digits, possibly with a decimal point.</summary>
    Number,

    /// <summary>Punctuation, symbols and emoji.</summary>
    Symbol,

    /// <summary>Spaces.</summary>
    Whitespace,
}
