namespace ServiceBot.Abstractions.Filters;

/// <summary>Which replies a <see cref="IReplyFilter"/> checks.</summary>
public enum ReplyFilterScope
{
    /// <summary>Only replies a generative model wrote (curated answers are trusted).</summary>
    Generated = 0,

    /// <summary>Every reply, curated ones included (e.g. the sensitive-word check on output).</summary>
    All,
}
