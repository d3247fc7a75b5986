using System.Text;
using ServiceBot.Abstractions.Filters;
using ServiceBot.ChatBot.Filters.Facts;

namespace ServiceBot.ChatBot.Filters;

/// <summary>
/// The policy every sentence-level check applies once it knows which sentences are unsupported:
/// remove them, or block the reply when the policy says so, when more are flagged than may be
/// removed, or when what is left says nothing besides citations.
/// </summary>
internal static class SentenceRemoval
{
    /// <summary>Removes the flagged sentences of <paramref name="reply"/>, or blocks it.</summary>
    /// <param name="reply">The checked text.</param>
    /// <param name="sentences">Sentences of <paramref name="reply"/>; text outside them (a sources list) is kept.</param>
    /// <param name="isFlagged">Whether the sentence at an index is unsupported.</param>
    /// <param name="block">Block instead of removing (the <c>block</c> policy, or nothing worth keeping).</param>
    /// <param name="maxRemoved">More flagged sentences than this blocks the reply.</param>
    /// <param name="sourcesHeading">The heading of the appended sources list, which alone is no answer.</param>
    public static (ReplyVerdict Verdict, string Text, int Removed) Apply(
        string reply, IReadOnlyList<(int Start, int Length)> sentences, Func<int, bool> isFlagged, bool block, int maxRemoved, string? sourcesHeading)
    {
        if (block)
        {
            return (ReplyVerdict.Blocked, reply, 0);
        }

        var kept = new StringBuilder(reply.Length);
        var at = 0;
        var removed = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            if (isFlagged(i))
            {
                kept.Append(reply, at, sentences[i].Start - at);
                at = sentences[i].Start + sentences[i].Length;
                removed++;
            }
        }

        kept.Append(reply, at, reply.Length - at);
        var text = kept.ToString().Trim();
        return removed > maxRemoved || !FactChecker.HasBody(text, sourcesHeading)
            ? (ReplyVerdict.Blocked, reply, removed)
            : (ReplyVerdict.Repaired, text, removed);
    }

    /// <summary>A check's verdict as the filter's result: the original text unless repaired.</summary>
    public static ReplyFilterResult Result(ReplyVerdict verdict, string original, string repaired, string reason) => verdict switch
    {
        ReplyVerdict.Pass => ReplyFilterResult.Pass(original),
        ReplyVerdict.Repaired => ReplyFilterResult.Repaired(repaired, reason),
        _ => ReplyFilterResult.Blocked(original, reason),
    };
}
