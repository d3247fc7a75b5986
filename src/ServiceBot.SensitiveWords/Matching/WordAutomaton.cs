using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ServiceBot.SensitiveWords.Matching;

/// <summary>
/// An Aho–Corasick automaton over folded characters, stored as a double-array trie, that scans the
/// original text once and reports every occurrence of every pattern with its span in that text.
/// </summary>
/// <remarks>
/// <para>
/// Each character of the text is folded through one table read (<see cref="VariantFolding"/>): noise
/// is skipped (up to <see cref="MaxNoiseRun"/> in a row, so "敏*感" and "敏 感" match "敏感" but two words
/// a sentence apart do not), and a character repeated where the pattern does not repeat it is absorbed
/// ("敏敏感感" matches "敏感"). Patterns made of Latin letters and digits match whole words only, so
/// "ass" never fires inside "class".
/// </para>
/// <para>
/// Immutable once built and safe to share between threads; a reload builds a new instance and swaps
/// the reference. Scanning allocates nothing.
/// </para>
/// </remarks>
[SkipLocalsInit]
internal sealed class WordAutomaton
{
    /// <summary>Longest pattern, in folded characters.</summary>
    public const int MaxPatternLength = 128;

    private const ushort NoiseClass = ushort.MaxValue;
    private const ushort SurrogateClass = ushort.MaxValue - 1;
    private const int MaxReadings = 4; // states followed at once: repeats seldom leave more than two alive
    private const int MaxEmittedPerStep = 16;
    private const int Ring = 128; // power of two ≥ MaxPatternLength: positions of the last consumed characters
    private const byte LeftBoundary = 1;
    private const byte RightBoundary = 2;

    private readonly ushort[] _classOf;
    private readonly FrozenDictionary<int, ushort> _supplementaryClass;
    private readonly Cell[] _cells;
    private readonly int[] _fail;
    private readonly int[] _report;
    private readonly int[] _nextReport;
    private readonly int[] _patternAt;
    private readonly int[] _patternLength;
    private readonly byte[] _patternFlags;
    private readonly VariantFolding _folding;

    private WordAutomaton(
        VariantFolding folding,
        IReadOnlyList<CompiledPattern> patterns,
        int maxNoiseRun,
        ushort[] classOf,
        FrozenDictionary<int, ushort> supplementaryClass,
        Cell[] cells,
        int[] fail,
        int[] report,
        int[] nextReport,
        int[] patternAt)
    {
        _folding = folding;
        Patterns = patterns;
        MaxNoiseRun = maxNoiseRun;
        _classOf = classOf;
        _supplementaryClass = supplementaryClass;
        _cells = cells;
        _fail = fail;
        _report = report;
        _nextReport = nextReport;
        _patternAt = patternAt;
        _patternLength = new int[patterns.Count];
        _patternFlags = new byte[patterns.Count];
        for (var i = 0; i < patterns.Count; i++)
        {
            var key = patterns[i].Key;
            _patternLength[i] = key.Length;
            _patternFlags[i] = (byte)((char.IsAsciiLetterOrDigit(key[0]) ? LeftBoundary : 0) | (char.IsAsciiLetterOrDigit(key[^1]) ? RightBoundary : 0));
        }
    }

    /// <summary>The patterns, indexed by the ids the scan reports.</summary>
    public IReadOnlyList<CompiledPattern> Patterns { get; }

    /// <summary>Whether the folding the automaton reads with folds traditional Chinese to simplified.</summary>
    public bool FoldsTraditional => _folding.FoldsTraditional;

    /// <summary>How many noise characters in a row may sit inside a match.</summary>
    public int MaxNoiseRun { get; }

    /// <summary>Number of automaton states (trie nodes), for diagnostics.</summary>
    public int StateCount { get; private init; }

    /// <summary>Builds the automaton.</summary>
    /// <param name="patterns">Distinct, non-empty folded keys of at most <see cref="MaxPatternLength"/> characters.</param>
    /// <param name="folding">The folding the keys were made with; text is folded the same way.</param>
    /// <param name="maxNoiseRun">Noise characters allowed in a row inside a match (0: noise breaks matches).</param>
    /// <exception cref="ArgumentException">A key is empty, too long or repeated.</exception>
    public static WordAutomaton Build(IReadOnlyList<CompiledPattern> patterns, VariantFolding folding, int maxNoiseRun)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxNoiseRun);
        var (classOfFolded, classCount) = AssignClasses(patterns);
        var trie = Trie.Build(patterns, classOfFolded);
        var (cells, daIndexOf) = DoubleArray.Place(trie, classCount);

        var states = cells.Length;
        var fail = new int[states];
        var report = new int[states];
        var nextReport = new int[states];
        var patternAt = new int[states];
        Array.Fill(report, -1);
        Array.Fill(nextReport, -1);
        Array.Fill(patternAt, -1);

        // Breadth-first over the trie: a state's failure target is shallower, so it is final when read.
        var queue = new Queue<int>();
        queue.Enqueue(0);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            var s = daIndexOf[node];
            if (trie.PatternOf[node] >= 0)
            {
                patternAt[s] = trie.PatternOf[node];
            }

            if (node != 0)
            {
                var inherited = report[fail[s]];
                if (patternAt[s] >= 0)
                {
                    report[s] = s;
                    nextReport[s] = inherited;
                }
                else
                {
                    report[s] = inherited;
                }
            }

            foreach (var (cls, child) in trie.Children(node))
            {
                var t = daIndexOf[child];
                var f = node == 0 ? -1 : fail[s];
                var target = 0;
                while (f >= 0)
                {
                    var next = cells[f].Base + cls;
                    if (cells[next].Check == f)
                    {
                        target = next;
                        break;
                    }

                    f = f == 0 ? -1 : fail[f];
                }

                fail[t] = target;
                queue.Enqueue(child);
            }
        }

        var classOf = new ushort[char.MaxValue + 1];
        var table = folding.Table;
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var f = table[c];
            // A lone low surrogate is broken text: skipped like noise so it cannot split a word.
            classOf[c] = f == VariantFolding.Noise || char.IsLowSurrogate((char)c) ? NoiseClass
                : char.IsHighSurrogate((char)c) ? SurrogateClass
                : classOfFolded.GetValueOrDefault(f);
        }

        var supplementary = new Dictionary<int, ushort>();
        foreach (var (codePoint, folded) in folding.Supplementary)
        {
            var cls = folded == VariantFolding.Noise ? NoiseClass : classOfFolded.GetValueOrDefault(folded);
            if (cls != 0)
            {
                supplementary[codePoint] = cls;
            }
        }

        return new WordAutomaton(folding, patterns, maxNoiseRun, classOf, supplementary.ToFrozenDictionary(), cells, fail, report, nextReport, patternAt)
        {
            StateCount = trie.Count,
        };
    }

    /// <summary>Reports every match in <paramref name="text"/> to <paramref name="sink"/>.</summary>
    /// <remarks>
    /// A repeated character has two readings, as itself and as a repeat to absorb: "QQQ售" must find
    /// "qq售" and "敏敏感" must find "敏感". The scan follows both, as up to <see cref="MaxReadings"/>
    /// automaton states at once; the common case (no repeat pending) is the plain one-state loop.
    /// </remarks>
    public void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        var classOf = _classOf;
        Span<int> positions = stackalloc int[MaxReadings * Ring];
        Span<int> spare = stackalloc int[MaxReadings * Ring];
        Span<int> states = stackalloc int[MaxReadings];
        Span<int> consumed = stackalloc int[MaxReadings];
        Span<int> nextStates = stackalloc int[MaxReadings];
        Span<int> nextConsumed = stackalloc int[MaxReadings];
        Span<bool> nextAdvanced = stackalloc bool[MaxReadings];
        Span<int> emitted = stackalloc int[MaxEmittedPerStep];
        states[0] = 0;
        consumed[0] = 0;
        var readings = 1;
        var previous = -1;
        var noiseRun = 0;

        for (var i = 0; i < text.Length; i++)
        {
            var start = i;
            int cls = classOf[text[i]];
            if (cls >= SurrogateClass)
            {
                if (cls == SurrogateClass)
                {
                    cls = SupplementaryClass(text, ref i);
                }

                if (cls == NoiseClass)
                {
                    if (++noiseRun > MaxNoiseRun)
                    {
                        states[0] = 0;
                        readings = 1;
                        previous = -1;
                    }

                    continue;
                }
            }

            noiseRun = 0;
            if (cls == 0)
            {
                states[0] = 0;
                readings = 1;
                previous = -1;
                continue;
            }

            if (readings == 1 && cls != previous)
            {
                previous = cls;
                var t = Step(states[0], cls);
                states[0] = t;
                if (t != 0)
                {
                    positions[consumed[0]++ & (Ring - 1)] = start;
                    for (var r = _report[t]; r >= 0; r = _nextReport[r])
                    {
                        Emit(text, r, i, positions[..Ring], consumed[0], ref sink);
                    }
                }

                continue;
            }

            // Every reading goes on with the character; on a repeat each also keeps its state (absorbed
            // first, so that a match both readings report gets the wider span, repeats included).
            var repeat = cls == previous;
            previous = cls;
            var next = 0;
            for (var k = 0; k < readings; k++)
            {
                var ring = positions.Slice(k * Ring, Ring);
                if (repeat)
                {
                    Keep(states[k], consumed[k], advanced: false, ring, nextStates, nextConsumed, nextAdvanced, spare, ref next);
                }

                var t = Step(states[k], cls);
                var slot = Keep(t, t == 0 ? consumed[k] : consumed[k] + 1, advanced: t != 0, ring, nextStates, nextConsumed, nextAdvanced, spare, ref next);
                if (slot >= 0 && t != 0)
                {
                    spare[(slot * Ring) + (consumed[k] & (Ring - 1))] = start;
                }
            }

            var swap = positions;
            positions = spare;
            spare = swap;
            nextStates[..next].CopyTo(states);
            nextConsumed[..next].CopyTo(consumed);
            readings = next;

            var emittedCount = 0;
            for (var k = 0; k < readings; k++)
            {
                if (!nextAdvanced[k])
                {
                    continue;
                }

                for (var r = _report[states[k]]; r >= 0; r = _nextReport[r])
                {
                    var pattern = _patternAt[r];
                    if (emitted[..emittedCount].Contains(pattern))
                    {
                        continue;
                    }

                    if (emittedCount < emitted.Length)
                    {
                        emitted[emittedCount++] = pattern;
                    }

                    Emit(text, r, i, positions.Slice(k * Ring, Ring), consumed[k], ref sink);
                }
            }
        }
    }

    /// <summary>The state after <paramref name="cls"/>, following failure links; 0 (the root) when no pattern goes on with it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(int state, int cls)
    {
        var cells = _cells;
        while (true)
        {
            var t = cells[state].Base + cls;
            if (cells[t].Check == state)
            {
                return t;
            }

            if (state == 0)
            {
                return 0;
            }

            state = _fail[state];
        }
    }

    /// <summary>
    /// Adds a reading for the next character unless one is already in that state (then it only takes
    /// the <paramref name="advanced"/> mark) or the set is full; its slot, or -1 when not added.
    /// </summary>
    private static int Keep(int state, int consumedCount, bool advanced, ReadOnlySpan<int> ring, Span<int> nextStates, Span<int> nextConsumed, Span<bool> nextAdvanced, Span<int> rings, ref int next)
    {
        for (var k = 0; k < next; k++)
        {
            if (nextStates[k] == state)
            {
                nextAdvanced[k] |= advanced;
                return -1;
            }
        }

        if (next == nextStates.Length)
        {
            return -1;
        }

        nextStates[next] = state;
        nextConsumed[next] = consumedCount;
        nextAdvanced[next] = advanced;
        ring.CopyTo(rings.Slice(next * Ring, Ring));
        return next++;
    }

    /// <summary>All matches in <paramref name="text"/>, in the order their ends are reached; allocates only when there are some.</summary>
    public IReadOnlyList<RawMatch> FindAll(ReadOnlySpan<char> text)
    {
        var sink = default(ListSink);
        Scan(text, ref sink);
        return sink.Matches is null ? [] : sink.Matches;
    }

    /// <summary>The number of matches in <paramref name="text"/>.</summary>
    public int Count(ReadOnlySpan<char> text)
    {
        var sink = default(CountSink);
        Scan(text, ref sink);
        return sink.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit<TSink>(ReadOnlySpan<char> text, int state, int end, ReadOnlySpan<int> positions, int consumed, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        var pattern = _patternAt[state];
        var start = positions[(consumed - _patternLength[pattern]) & (Ring - 1)];
        var flags = _patternFlags[pattern];
        if (flags != 0)
        {
            if ((flags & LeftBoundary) != 0 && start > 0 && _folding.IsWordChar(text[start - 1]))
            {
                return;
            }

            if ((flags & RightBoundary) != 0 && end + 1 < text.Length && _folding.IsWordChar(text[end + 1]))
            {
                return;
            }
        }

        sink.OnMatch(pattern, start, end + 1 - start);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ushort SupplementaryClass(ReadOnlySpan<char> text, ref int i)
    {
        if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
        {
            return NoiseClass;
        }

        var codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
        i++;
        return _supplementaryClass.GetValueOrDefault(codePoint);
    }

    /// <summary>Numbers the folded characters of the patterns, most frequent first (dense rows near the root).</summary>
    private static (Dictionary<char, ushort> ClassOf, int Count) AssignClasses(IReadOnlyList<CompiledPattern> patterns)
    {
        var frequency = new Dictionary<char, int>();
        foreach (var pattern in patterns)
        {
            if (pattern.Key.Length is 0 or > MaxPatternLength)
            {
                throw new ArgumentException($"Pattern '{pattern.Word}' folds to {pattern.Key.Length} characters; 1 to {MaxPatternLength} are allowed.", nameof(patterns));
            }

            foreach (var c in pattern.Key)
            {
                if (c == VariantFolding.Noise)
                {
                    throw new ArgumentException($"Pattern '{pattern.Word}' has an unfolded noise character.", nameof(patterns));
                }

                frequency[c] = frequency.GetValueOrDefault(c) + 1;
            }
        }

        if (frequency.Count >= SurrogateClass - 1)
        {
            throw new ArgumentException($"The patterns use {frequency.Count} distinct characters; at most {SurrogateClass - 2} are supported.", nameof(patterns));
        }

        var classOf = new Dictionary<char, ushort>(frequency.Count);
        ushort next = 1;
        foreach (var (c, _) in frequency.OrderByDescending(p => p.Value).ThenBy(p => p.Key))
        {
            classOf[c] = next++;
        }

        return (classOf, frequency.Count);
    }

    /// <summary>One slot of the double array: the base offset of the state's children, and the parent that owns the slot.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Cell
    {
        public int Base;
        public int Check;
    }

    /// <summary>A match as the scan reports it: pattern id and span in the scanned text.</summary>
    [StructLayout(LayoutKind.Auto)]
    internal readonly record struct RawMatch(int PatternId, int Start, int Length);

    [StructLayout(LayoutKind.Auto)]
    private struct CountSink : IMatchSink
    {
        public int Count;

        public void OnMatch(int patternId, int start, int length) => Count++;
    }

    [StructLayout(LayoutKind.Auto)]
    private struct ListSink : IMatchSink
    {
        public List<RawMatch>? Matches;

        public void OnMatch(int patternId, int start, int length) => (Matches ??= []).Add(new RawMatch(patternId, start, length));
    }

    /// <summary>The pattern trie before placement: children lists by node, pattern ids at terminal nodes.</summary>
    private sealed class Trie
    {
        private readonly List<int> _firstChild = [-1];
        private readonly List<int> _nextSibling = [-1];
        private readonly List<ushort> _label = [0];
        private readonly Dictionary<long, int> _edges = [];

        public List<int> PatternOf { get; } = [-1];

        public int Count => _label.Count;

        public static Trie Build(IReadOnlyList<CompiledPattern> patterns, Dictionary<char, ushort> classOf)
        {
            var trie = new Trie();
            for (var p = 0; p < patterns.Count; p++)
            {
                var node = 0;
                foreach (var c in patterns[p].Key)
                {
                    node = trie.Child(node, classOf[c]);
                }

                if (trie.PatternOf[node] >= 0)
                {
                    throw new ArgumentException($"Pattern '{patterns[p].Word}' folds to the same key as '{patterns[trie.PatternOf[node]].Word}'.", nameof(patterns));
                }

                trie.PatternOf[node] = p;
            }

            return trie;
        }

        /// <summary>The children of a node in ascending class order.</summary>
        public List<(ushort Class, int Node)> Children(int node)
        {
            var children = new List<(ushort, int)>();
            for (var c = _firstChild[node]; c >= 0; c = _nextSibling[c])
            {
                children.Add((_label[c], c));
            }

            children.Sort((a, b) => a.Item1.CompareTo(b.Item1));
            return children;
        }

        private int Child(int node, ushort cls)
        {
            var key = ((long)node << 16) | cls;
            if (_edges.TryGetValue(key, out var child))
            {
                return child;
            }

            child = _label.Count;
            _label.Add(cls);
            _firstChild.Add(-1);
            _nextSibling.Add(_firstChild[node]);
            _firstChild[node] = child;
            PatternOf.Add(-1);
            _edges[key] = child;
            return child;
        }
    }

    /// <summary>Places trie nodes in a double array: child of s on class c sits at base[s] + c with check = s.</summary>
    private static class DoubleArray
    {
        public static (Cell[] Cells, int[] IndexOf) Place(Trie trie, int classCount)
        {
            var size = Math.Max(1024, (trie.Count * 2) + classCount + 2);
            var check = new int[size];
            var bases = new int[size];
            Array.Fill(check, -1);
            var usedBase = new HashSet<int>();
            var indexOf = new int[trie.Count];
            check[0] = -2; // the root's slot belongs to nobody
            var maxUsed = 0;
            var nextCheckPos = 1;

            var queue = new Queue<int>();
            queue.Enqueue(0);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                var s = indexOf[node];
                var children = trie.Children(node);
                if (children.Count == 0)
                {
                    continue;
                }

                var first = children[0].Class;
                var position = Math.Max(first, nextCheckPos) - 1;
                var occupied = 0;
                var firstFree = true;
                int b;
                while (true)
                {
                    position++;
                    Ensure(ref check, ref bases, position + classCount + 1);
                    if (check[position] != -1)
                    {
                        occupied++;
                        continue;
                    }

                    if (firstFree)
                    {
                        nextCheckPos = position;
                        firstFree = false;
                    }

                    b = position - first;
                    if (usedBase.Contains(b))
                    {
                        continue;
                    }

                    var fits = true;
                    for (var k = 1; k < children.Count; k++)
                    {
                        if (check[b + children[k].Class] != -1)
                        {
                            fits = false;
                            break;
                        }
                    }

                    if (fits)
                    {
                        break;
                    }
                }

                // Dense prefix: start later searches past it (the usual double-array heuristic).
                if (occupied > 0 && (double)occupied / (position - nextCheckPos + 1) >= 0.95)
                {
                    nextCheckPos = position;
                }

                usedBase.Add(b);
                bases[s] = b;
                foreach (var (cls, child) in children)
                {
                    var t = b + cls;
                    check[t] = s;
                    indexOf[child] = t;
                    maxUsed = Math.Max(maxUsed, t);
                    queue.Enqueue(child);
                }
            }

            // Every base + class of every state must stay inside the array, leaves (base 0) included.
            var length = Math.Max(maxUsed, bases.Max()) + classCount + 2;
            var cells = new Cell[length];
            for (var i = 0; i < length; i++)
            {
                cells[i] = i < check.Length ? new Cell { Base = bases[i], Check = check[i] < 0 ? -1 : check[i] } : new Cell { Check = -1 };
            }

            return (cells, indexOf);
        }

        private static void Ensure(ref int[] check, ref int[] bases, int needed)
        {
            if (needed < check.Length)
            {
                return;
            }

            var size = Math.Max(needed + 1, check.Length * 2);
            var oldLength = check.Length;
            Array.Resize(ref check, size);
            Array.Resize(ref bases, size);
            Array.Fill(check, -1, oldLength, size - oldLength);
        }
    }
}
