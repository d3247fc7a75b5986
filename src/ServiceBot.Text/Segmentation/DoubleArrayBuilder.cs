namespace ServiceBot.Text.Segmentation;

/// <summary>
/// Builds the double-array trie of a word list: every word and every prefix of a word becomes a node
/// (jieba's prefix dictionary keeps prefixes as keys with frequency 0), words carry their log frequency.
/// </summary>
/// <remarks>
/// Characters are renumbered densely by descending frequency in the word list, which keeps the array
/// compact. Children are placed first-fit: a lone child anywhere in the array, several children within
/// <see cref="ScanWindow"/> cells below the highest used one. Building the 350k-word jieba dictionary
/// takes about a second and happens only when the binary cache is missing or stale.
/// </remarks>
internal static class DoubleArrayBuilder
{
    /// <summary>
    /// How far below the highest used cell a base for several children is still looked for. Searching
    /// the whole array made the build quadratic (seven seconds for jieba's dictionary: the dense front
    /// was rescanned for every node); the free cells left behind are mostly filled by lone children,
    /// and the array ends up about a sixth larger than a full search makes it.
    /// </summary>
    private const int ScanWindow = 65536;

    public static (TrieUnit[] Units, ushort[] Codes, int MaxCode) Build(string[] sortedWords, double[] weights)
    {
        var codes = AssignCodes(sortedWords, out var maxCode);
        var cells = new CellAllocator(Math.Max(1024, sortedWords.Length * 2));
        cells.Use(0);
        cells.Units[0].Check = PrefixDictionary.RootCheck;

        var queue = new Queue<(int Node, int Lo, int Hi, int Depth)>();
        if (sortedWords.Length > 0)
        {
            queue.Enqueue((0, 0, sortedWords.Length, 0));
        }

        var children = new List<(int Code, int Lo, int Hi)>();
        var maxUsed = 0;
        var maxBase = 0;
        while (queue.Count > 0)
        {
            var (node, lo, hi, depth) = queue.Dequeue();
            var k = lo;
            if (sortedWords[k].Length == depth)
            {
                cells.Units[node].Weight = weights[k];
                k++;
            }

            if (k == hi)
            {
                continue;
            }

            children.Clear();
            for (var i = k; i < hi;)
            {
                var ch = sortedWords[i][depth];
                var j = i + 1;
                while (j < hi && sortedWords[j][depth] == ch)
                {
                    j++;
                }

                children.Add((codes[ch], i, j));
                i = j;
            }

            var baseValue = cells.FindBase(children);
            cells.Units[node].Base = baseValue;
            maxBase = Math.Max(maxBase, baseValue);
            foreach (var (code, clo, chi) in children)
            {
                var t = baseValue + code;
                cells.Use(t);
                cells.Units[t].Check = node;
                maxUsed = Math.Max(maxUsed, t);
                cells.CloseBelow(maxUsed - ScanWindow);
                queue.Enqueue((t, clo, chi, depth + 1));
            }
        }

        // Every walk computes Base + code for codes up to MaxCode; the padding keeps that in bounds.
        var units = cells.Units;
        var length = Math.Max(maxUsed, maxBase + maxCode) + 1;
        if (units.Length < length)
        {
            cells.EnsureCapacity(length);
            units = cells.Units;
        }

        Array.Resize(ref units, length);
        return (units, codes, maxCode);
    }

    private static ushort[] AssignCodes(string[] words, out int maxCode)
    {
        var counts = new int[char.MaxValue + 1];
        foreach (var word in words)
        {
            foreach (var c in word)
            {
                counts[c]++;
            }
        }

        var used = new List<char>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (counts[c] > 0)
            {
                used.Add((char)c);
            }
        }

        if (used.Count >= ushort.MaxValue)
        {
            throw new InvalidDataException($"The dictionary uses {used.Count} distinct characters; at most {ushort.MaxValue - 1} are supported.");
        }

        // Frequent characters get small codes: their children cluster near the parent's base.
        used.Sort((a, b) => counts[b] != counts[a] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        var codes = new ushort[char.MaxValue + 1];
        for (var i = 0; i < used.Count; i++)
        {
            codes[used[i]] = (ushort)(i + 1);
        }

        maxCode = used.Count;
        return codes;
    }

    /// <summary>
    /// The cells of the array under construction and a doubly linked list of the free ones, in index
    /// order, so that placing a node visits free cells only.
    /// </summary>
    private sealed class CellAllocator
    {
        private int[] _nextFree;
        private int[] _previousFree;
        private int _head;
        private int _scanStart;

        public CellAllocator(int capacity)
        {
            Units = [];
            _nextFree = [];
            _previousFree = [];
            _head = -1;
            _scanStart = -1;
            EnsureCapacity(capacity);
        }

        public TrieUnit[] Units { get; private set; }

        /// <summary>
        /// The first base at which every child's cell is free: from the first free cell for a lone child
        /// (any free cell fits it), from the scan start for several.
        /// </summary>
        public int FindBase(List<(int Code, int Lo, int Hi)> children)
        {
            var minCode = int.MaxValue;
            var maxCode = 0;
            foreach (var (code, _, _) in children)
            {
                minCode = Math.Min(minCode, code);
                maxCode = Math.Max(maxCode, code);
            }

            var free = children.Count == 1 ? _head : _scanStart;
            while (true)
            {
                if (free < 0)
                {
                    // No free cell left before the end: grow, the new cells are free.
                    free = Units.Length;
                    EnsureCapacity(Units.Length * 2);
                }

                var baseValue = free - minCode;
                if (baseValue >= 0)
                {
                    EnsureCapacity(baseValue + maxCode + 1);
                    var fits = true;
                    foreach (var (code, _, _) in children)
                    {
                        if (Units[baseValue + code].Check != PrefixDictionary.FreeCheck)
                        {
                            fits = false;
                            break;
                        }
                    }

                    if (fits)
                    {
                        return baseValue;
                    }
                }

                free = _nextFree[free];
            }
        }

        /// <summary>Stops looking for bases for several children in the free cells below <paramref name="cell"/>.</summary>
        public void CloseBelow(int cell)
        {
            while (_scanStart >= 0 && _scanStart < cell)
            {
                _scanStart = _nextFree[_scanStart];
            }
        }

        public void Use(int cell)
        {
            EnsureCapacity(cell + 1);
            var previous = _previousFree[cell];
            var next = _nextFree[cell];
            if (previous >= 0)
            {
                _nextFree[previous] = next;
            }
            else if (_head == cell)
            {
                _head = next;
            }

            if (next >= 0)
            {
                _previousFree[next] = previous;
            }

            if (_scanStart == cell)
            {
                _scanStart = next;
            }

            _nextFree[cell] = -1;
            _previousFree[cell] = -1;
        }

        public void EnsureCapacity(int needed)
        {
            if (needed <= Units.Length)
            {
                return;
            }

            var old = Units.Length;
            var capacity = Math.Max(needed, old * 2);
            var units = new TrieUnit[capacity];
            Array.Copy(Units, units, old);
            units.AsSpan(old).Fill(new TrieUnit { Base = 0, Check = PrefixDictionary.FreeCheck, Weight = double.NegativeInfinity });
            var next = new int[capacity];
            var previous = new int[capacity];
            Array.Copy(_nextFree, next, old);
            Array.Copy(_previousFree, previous, old);

            // Link the new cells, in order, after the last free cell.
            var tail = -1;
            if (_head >= 0)
            {
                tail = _head;
                while (next[tail] >= 0)
                {
                    tail = next[tail];
                }
            }

            for (var i = old; i < capacity; i++)
            {
                previous[i] = i == old ? tail : i - 1;
                next[i] = i + 1 < capacity ? i + 1 : -1;
            }

            if (tail >= 0)
            {
                next[tail] = old;
            }
            else
            {
                _head = old;
            }

            if (_scanStart < 0)
            {
                _scanStart = old;
            }

            Units = units;
            _nextFree = next;
            _previousFree = previous;
        }
    }
}
