using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// jieba 0.42.1's segmentation algorithms (<c>Tokenizer.cut</c>, <c>__cut_DAG</c>, <c>__cut_DAG_NO_HMM</c>,
/// <c>__cut_all</c>, <c>cut_for_search</c>, <c>finalseg.cut</c>) over spans, reproducing the reference's
/// output token for token, including its handling of Latin letters, digits, punctuation and whitespace.
/// </summary>
/// <remarks>
/// Stateless; work buffers come from the stack or the shared array pool. The loops are compiled fully
/// optimized on first use (<see cref="MethodImplOptions.AggressiveOptimization"/>): a freshly started
/// replica segments at full speed from its first messages instead of after the JIT's tiering.
/// </remarks>
internal static class JiebaCutter
{
    private const int StackLimit = 256;

    /// <summary>Default mode (<c>cut(s, cut_all=False, HMM=hmm)</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Cut<TSink>(ReadOnlySpan<char> text, in Lexicon lexicon, HmmModel hmm, bool useHmm, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            var c = text[i];
            if (CharClasses.IsHanBlock(c))
            {
                var j = i + 1;
                while (j < n && CharClasses.IsHanBlock(text[j]))
                {
                    j++;
                }

                CutBlock(text[i..j], i, lexicon, hmm, useHmm, ref sink);
                i = j;
            }
            else
            {
                // Outside han blocks jieba yields every code point alone, and "\r\n" as one token.
                var length = i + 1 < n && ((c == '\r' && text[i + 1] == '\n') || (char.IsHighSurrogate(c) && char.IsLowSurrogate(text[i + 1]))) ? 2 : 1;
                sink.Add(i, length);
                i += length;
            }
        }
    }

    /// <summary>Full mode (<c>cut(s, cut_all=True)</c>): every dictionary word, overlapping.</summary>
    public static void CutAll<TSink>(ReadOnlySpan<char> text, in Lexicon lexicon, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            var j = i + 1;
            var han = CharClasses.IsHanBlock(text[i]);
            while (j < n && CharClasses.IsHanBlock(text[j]) == han)
            {
                j++;
            }

            if (han)
            {
                CutAllBlock(text[i..j], i, lexicon, ref sink);
            }
            else
            {
                // re_skip.split(blk): text, separator, text, ..., text, every piece yielded, empty ones too.
                var textStart = i;
                var pos = i;
                while (pos < j)
                {
                    var sep = text[pos] == '\r' && pos + 1 < j && text[pos + 1] == '\n' ? 2 : CharClasses.IsWhitespace(text[pos]) ? 1 : 0;
                    if (sep == 0)
                    {
                        pos++;
                        continue;
                    }

                    sink.Add(textStart, pos - textStart);
                    sink.Add(pos, sep);
                    pos += sep;
                    textStart = pos;
                }

                sink.Add(textStart, j - textStart);
            }

            i = j;
        }
    }

    /// <summary>Search mode (<c>cut_for_search</c>): default mode plus the 2- and 3-character dictionary words inside longer words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CutForSearch<TSink>(ReadOnlySpan<char> text, in Lexicon lexicon, HmmModel hmm, bool useHmm, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var words = new SpanCollector(text.Length);
        try
        {
            Cut(text, lexicon, hmm, useHmm, ref words);
            for (var w = 0; w < words.Count; w++)
            {
                var (start, length) = words[w];
                if (length > 2)
                {
                    for (var i = 0; i < length - 1; i++)
                    {
                        if (lexicon.IsWord(text.Slice(start + i, 2)))
                        {
                            sink.Add(start + i, 2);
                        }
                    }
                }

                if (length > 3)
                {
                    for (var i = 0; i < length - 2; i++)
                    {
                        if (lexicon.IsWord(text.Slice(start + i, 3)))
                        {
                            sink.Add(start + i, 3);
                        }
                    }
                }

                sink.Add(start, length);
            }
        }
        finally
        {
            words.Dispose();
        }
    }

    /// <summary>
    /// <c>calc</c>: for each position, the end of the word that starts the maximum-probability route
    /// to the end of the block. <paramref name="prob"/> and <paramref name="next"/> need <c>block.Length + 1</c> entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CalcRoute(ReadOnlySpan<char> block, in Lexicon lexicon, Span<double> prob, Span<int> next)
    {
        var n = block.Length;
        prob[n] = 0;
        var logTotal = lexicon.LogTotal;
        var overlay = lexicon.Overlay;
        var dictionary = lexicon.Dictionary;
        ref var units = ref MemoryMarshal.GetArrayDataReference(dictionary.Units);
        ref var codes = ref MemoryMarshal.GetArrayDataReference(dictionary.Codes);
        for (var idx = n - 1; idx >= 0; idx--)
        {
            var best = double.NegativeInfinity;
            var bestEnd = -1;
            if (overlay is null || !overlay.MayStartWith(block[idx]))
            {
                var state = 0;
                for (var x = idx; x < n; x++)
                {
                    int code = Unsafe.Add(ref codes, block[x]);
                    if (code == 0)
                    {
                        break;
                    }

                    var t = Unsafe.Add(ref units, state).Base + code;
                    ref var unit = ref Unsafe.Add(ref units, t);
                    if (unit.Check != state)
                    {
                        break;
                    }

                    state = t;
                    if (unit.Weight != double.NegativeInfinity)
                    {
                        // log(FREQ[frag]) - logtotal + route[x + 1]; on a tie the later end wins, as max() over (p, x) does.
                        var p = unit.Weight - logTotal + prob[x + 1];
                        if (p >= best)
                        {
                            best = p;
                            bestEnd = x;
                        }
                    }
                }
            }
            else
            {
                WalkWithOverlay(block, idx, lexicon, overlay, prob, ref best, ref bestEnd);
            }

            if (bestEnd < 0)
            {
                // No word starts here: the character alone, with frequency 1 (log 1 = 0).
                bestEnd = idx;
                best = 0.0 - logTotal + prob[idx + 1];
            }

            prob[idx] = best;
            next[idx] = bestEnd;
        }
    }

    /// <summary><c>get_DAG</c> for one position: the ends of all words starting at <paramref name="k"/>, or <paramref name="k"/> itself when none.</summary>
    public static void WordEnds(ReadOnlySpan<char> block, int k, in Lexicon lexicon, List<int> ends)
    {
        ends.Clear();
        var dictionary = lexicon.Dictionary;
        var overlay = lexicon.Overlay;
        var units = dictionary.Units;
        var codes = dictionary.Codes;
        var state = 0;
        var baseAlive = true;
        var overlayAlive = overlay is not null && overlay.MayStartWith(block[k]);
        for (var x = k; x < block.Length && (baseAlive || overlayAlive); x++)
        {
            var weight = double.NegativeInfinity;
            if (baseAlive)
            {
                int code = codes[block[x]];
                var t = units[state].Base + code;
                if (code == 0 || units[t].Check != state)
                {
                    baseAlive = false;
                }
                else
                {
                    state = t;
                    weight = units[t].Weight;
                }
            }

            if (overlayAlive)
            {
                if (!overlay!.TryGet(block[k..(x + 1)], out var entry))
                {
                    overlayAlive = false;
                }
                else if (entry.IsExplicit)
                {
                    weight = entry.Weight;
                }
            }

            if (!baseAlive && !overlayAlive)
            {
                break;
            }

            if (weight != double.NegativeInfinity)
            {
                ends.Add(x);
            }
        }

        if (ends.Count == 0)
        {
            ends.Add(k);
        }
    }

    private static void WalkWithOverlay(ReadOnlySpan<char> block, int idx, in Lexicon lexicon, UserWordOverlay overlay, Span<double> prob, ref double best, ref int bestEnd)
    {
        var dictionary = lexicon.Dictionary;
        var units = dictionary.Units;
        var codes = dictionary.Codes;
        var logTotal = lexicon.LogTotal;
        var state = 0;
        var baseAlive = true;
        var overlayAlive = true;
        for (var x = idx; x < block.Length; x++)
        {
            var weight = double.NegativeInfinity;
            if (baseAlive)
            {
                int code = codes[block[x]];
                var t = units[state].Base + code;
                if (code == 0 || units[t].Check != state)
                {
                    baseAlive = false;
                }
                else
                {
                    state = t;
                    weight = units[t].Weight;
                }
            }

            if (overlayAlive)
            {
                if (!overlay.TryGet(block[idx..(x + 1)], out var entry))
                {
                    overlayAlive = false;
                }
                else if (entry.IsExplicit)
                {
                    // A user word's own frequency replaces the dictionary's, zero included.
                    weight = entry.Weight;
                }
            }

            if (!baseAlive && !overlayAlive)
            {
                break;
            }

            if (weight != double.NegativeInfinity)
            {
                var p = weight - logTotal + prob[x + 1];
                if (p >= best)
                {
                    best = p;
                    bestEnd = x;
                }
            }
        }
    }

    private static void CutBlock<TSink>(ReadOnlySpan<char> block, int offset, in Lexicon lexicon, HmmModel hmm, bool useHmm, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var n = block.Length;
        if (n == 1)
        {
            sink.Add(offset, 1);
            return;
        }

        double[]? rentedProb = null;
        int[]? rentedNext = null;
        var prob = n < StackLimit ? stackalloc double[n + 1] : (rentedProb = ArrayPool<double>.Shared.Rent(n + 1));
        var next = n < StackLimit ? stackalloc int[n + 1] : (rentedNext = ArrayPool<int>.Shared.Rent(n + 1));
        try
        {
            CalcRoute(block, lexicon, prob, next);
            if (useHmm)
            {
                EmitWithHmm(block, offset, lexicon, hmm, next, ref sink);
            }
            else
            {
                EmitWithoutHmm(block, offset, next, ref sink);
            }
        }
        finally
        {
            if (rentedProb is not null)
            {
                ArrayPool<double>.Shared.Return(rentedProb);
            }

            if (rentedNext is not null)
            {
                ArrayPool<int>.Shared.Return(rentedNext);
            }
        }
    }

    /// <summary><c>__cut_DAG</c>: runs of single characters are recognized by the HMM unless they form a word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EmitWithHmm<TSink>(ReadOnlySpan<char> block, int offset, in Lexicon lexicon, HmmModel hmm, ReadOnlySpan<int> next, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var n = block.Length;
        var x = 0;
        var bufStart = -1;
        while (x < n)
        {
            var y = next[x] + 1;
            if (y - x == 1)
            {
                if (bufStart < 0)
                {
                    bufStart = x;
                }
            }
            else
            {
                if (bufStart >= 0)
                {
                    FlushBuffer(block[bufStart..x], offset + bufStart, lexicon, hmm, ref sink);
                    bufStart = -1;
                }

                sink.Add(offset + x, y - x);
            }

            x = y;
        }

        if (bufStart >= 0)
        {
            FlushBuffer(block[bufStart..], offset + bufStart, lexicon, hmm, ref sink);
        }
    }

    private static void FlushBuffer<TSink>(ReadOnlySpan<char> buffer, int offset, in Lexicon lexicon, HmmModel hmm, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (buffer.Length == 1)
        {
            sink.Add(offset, 1);
        }
        else if (!lexicon.IsWord(buffer))
        {
            FinalSegCut(buffer, offset, lexicon, hmm, ref sink);
        }
        else
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                sink.Add(offset + i, 1);
            }
        }
    }

    /// <summary><c>finalseg.cut</c>: Viterbi over ideograph runs, <c>[a-zA-Z0-9]+(?:\.\d+)?%?</c> pieces elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FinalSegCut<TSink>(ReadOnlySpan<char> text, int offset, in Lexicon lexicon, HmmModel hmm, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            var j = i + 1;
            if (CharClasses.IsHan(text[i]))
            {
                while (j < n && CharClasses.IsHan(text[j]))
                {
                    j++;
                }

                ViterbiCut(text[i..j], offset + i, lexicon, hmm, ref sink);
            }
            else
            {
                while (j < n && !CharClasses.IsHan(text[j]))
                {
                    j++;
                }

                SkipSplit(text[i..j], offset + i, ref sink);
            }

            i = j;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SkipSplit<TSink>(ReadOnlySpan<char> text, int offset, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var n = text.Length;
        var pending = -1;
        var p = 0;
        while (p < n)
        {
            if (!CharClasses.IsAsciiAlnum(text[p]))
            {
                if (pending < 0)
                {
                    pending = p;
                }

                p++;
                continue;
            }

            if (pending >= 0)
            {
                sink.Add(offset + pending, p - pending);
                pending = -1;
            }

            var q = p + 1;
            while (q < n && CharClasses.IsAsciiAlnum(text[q]))
            {
                q++;
            }

            if (q + 1 < n && text[q] == '.' && CharClasses.IsAsciiDigit(text[q + 1]))
            {
                q += 2;
                while (q < n && CharClasses.IsAsciiDigit(text[q]))
                {
                    q++;
                }
            }

            if (q < n && text[q] == '%')
            {
                q++;
            }

            sink.Add(offset + p, q - p);
            p = q;
        }

        if (pending >= 0)
        {
            sink.Add(offset + pending, n - pending);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ViterbiCut<TSink>(ReadOnlySpan<char> text, int offset, in Lexicon lexicon, HmmModel hmm, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var n = text.Length;
        byte[]? rented = null;
        var scratch = n < StackLimit ? stackalloc byte[5 * n] : (rented = ArrayPool<byte>.Shared.Rent(5 * n));
        try
        {
            var states = scratch[..n];
            hmm.Viterbi(text, states, scratch.Slice(n, 4 * n));
            var begin = 0;
            var nextStart = 0;
            for (var i = 0; i < n; i++)
            {
                switch (states[i])
                {
                    case HmmModel.B:
                        begin = i;
                        break;
                    case HmmModel.E:
                        EmitHmmWord(text, offset, begin, i + 1, lexicon, ref sink);
                        nextStart = i + 1;
                        break;
                    case HmmModel.S:
                        EmitHmmWord(text, offset, i, i + 1, lexicon, ref sink);
                        nextStart = i + 1;
                        break;
                }
            }

            if (nextStart < n)
            {
                EmitHmmWord(text, offset, nextStart, n, lexicon, ref sink);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void EmitHmmWord<TSink>(ReadOnlySpan<char> text, int offset, int start, int end, in Lexicon lexicon, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (lexicon.ForceSplit is not null && lexicon.IsForcedSplit(text[start..end]))
        {
            for (var i = start; i < end; i++)
            {
                sink.Add(offset + i, 1);
            }

            return;
        }

        sink.Add(offset + start, end - start);
    }

    /// <summary><c>__cut_DAG_NO_HMM</c>: single ASCII letters and digits are glued together, everything else is yielded as routed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EmitWithoutHmm<TSink>(ReadOnlySpan<char> block, int offset, ReadOnlySpan<int> next, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var n = block.Length;
        var x = 0;
        var bufStart = -1;
        while (x < n)
        {
            var y = next[x] + 1;
            if (y - x == 1 && CharClasses.IsAsciiAlnum(block[x]))
            {
                if (bufStart < 0)
                {
                    bufStart = x;
                }
            }
            else
            {
                if (bufStart >= 0)
                {
                    sink.Add(offset + bufStart, x - bufStart);
                    bufStart = -1;
                }

                sink.Add(offset + x, y - x);
            }

            x = y;
        }

        if (bufStart >= 0)
        {
            sink.Add(offset + bufStart, n - bufStart);
        }
    }

    /// <summary><c>__cut_all</c>, including its handling of Latin runs (which can be yielded after later words).</summary>
    private static void CutAllBlock<TSink>(ReadOnlySpan<char> block, int offset, in Lexicon lexicon, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var n = block.Length;
        var ends = new List<int>();
        var pieces = new List<(int Start, int Length)>();
        var oldJ = -1;
        var engScan = false;
        for (var k = 0; k < n; k++)
        {
            WordEnds(block, k, lexicon, ends);
            if (engScan && !CharClasses.IsAsciiAlnum(block[k]))
            {
                engScan = false;
                EmitPieces(block, offset, pieces, ref sink);
            }

            if (ends.Count == 1 && k > oldJ)
            {
                var end = ends[0];
                if (CharClasses.IsAsciiAlnum(block[k]))
                {
                    if (!engScan)
                    {
                        engScan = true;
                        pieces.Clear();
                    }

                    pieces.Add((k, end - k + 1));
                }

                if (!engScan)
                {
                    sink.Add(offset + k, end - k + 1);
                }

                oldJ = end;
            }
            else
            {
                foreach (var j in ends)
                {
                    if (j > k)
                    {
                        sink.Add(offset + k, j - k + 1);
                        oldJ = j;
                    }
                }
            }
        }

        if (engScan)
        {
            EmitPieces(block, offset, pieces, ref sink);
        }
    }

    private static void EmitPieces<TSink>(ReadOnlySpan<char> block, int offset, List<(int Start, int Length)> pieces, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var contiguous = true;
        var total = pieces[0].Length;
        for (var i = 1; i < pieces.Count; i++)
        {
            contiguous &= pieces[i].Start == pieces[i - 1].Start + pieces[i - 1].Length;
            total += pieces[i].Length;
        }

        if (contiguous)
        {
            sink.Add(offset + pieces[0].Start, total);
            return;
        }

        var text = string.Create(total, (pieces, block.ToString()), static (span, state) =>
        {
            var at = 0;
            foreach (var (start, length) in state.pieces)
            {
                state.Item2.AsSpan(start, length).CopyTo(span[at..]);
                at += length;
            }
        });
        sink.AddComposite(text, offset + pieces[0].Start);
    }
}
