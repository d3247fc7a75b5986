namespace ServiceBot.Abstractions.Text;

/// <summary>The language an utterance is written in, as far as its characters tell.</summary>
public enum TextLanguage
{
    Unknown = 0,
    Chinese,
    English,

    /// <summary>Chinese and Latin words together, e.g. "iPhone15退货怎么弄".</summary>
    Mixed,
}
