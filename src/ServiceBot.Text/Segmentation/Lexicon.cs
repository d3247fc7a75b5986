using System.Runtime.CompilerServices;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// One view of jieba's <c>FREQ</c>: the base dictionary, optionally overridden by user words, with the
/// total that log probabilities are relative to and the words the HMM must not produce.
/// </summary>
internal readonly struct Lexicon
{
    public Lexicon(PrefixDictionary dictionary, UserWordOverlay? overlay, double logTotal, HashSet<string>? forceSplit)
    {
        Dictionary = dictionary;
        Overlay = overlay is { IsEmpty: false } ? overlay : null;
        LogTotal = logTotal;
        ForceSplit = forceSplit is { Count: > 0 } ? forceSplit : null;
    }

    public PrefixDictionary Dictionary { get; }

    /// <summary>User words, or null when there are none (the fast path).</summary>
    public UserWordOverlay? Overlay { get; }

    public double LogTotal { get; }

    /// <summary>Words removed with frequency 0, which the HMM splits into characters; null when none.</summary>
    public HashSet<string>? ForceSplit { get; }

    /// <summary><c>FREQ.get(key, missing)</c>.</summary>
    public long Frequency(ReadOnlySpan<char> key, long missing)
    {
        if (Overlay is { } overlay && overlay.TryGet(key, out var entry))
        {
            return entry.IsExplicit ? entry.Frequency : Dictionary.GetFrequency(key, 0);
        }

        return Dictionary.GetFrequency(key, missing);
    }

    /// <summary>True when <c>FREQ.get(key)</c> is truthy: a word with a frequency above zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsWord(ReadOnlySpan<char> key)
    {
        if (Overlay is { } overlay && overlay.TryGet(key, out var entry) && entry.IsExplicit)
        {
            return entry.Frequency > 0;
        }

        return !double.IsNegativeInfinity(Dictionary.GetWeight(key));
    }

    public bool IsForcedSplit(ReadOnlySpan<char> word) =>
        ForceSplit is { } set && set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
