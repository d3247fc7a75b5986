using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ServiceBot.Retrieval.Vectors;

/// <summary>
/// Hierarchical navigable small-world graph (Malkov &amp; Yashunin) over unit vectors with inner-product
/// similarity, SIMD distances, tombstone removal, and a binary file format.
/// </summary>
/// <remarks>
/// <para>
/// Below <see cref="ExactBelow"/> live items a search scans all vectors exactly, so small KBs never
/// lose recall to the approximation. Adding an id that exists replaces its vector (the old node
/// becomes a tombstone that still routes searches but is never returned).
/// </para>
/// <para>
/// Thread-safety: any number of concurrent searches, and one writer at a time (writers lock).
/// A search that overlaps a write sees the graph before or after each link update, never a torn list.
/// </para>
/// </remarks>
public sealed class HnswIndex : IVectorIndex
{
    /// <summary>Item count under which search is exact.</summary>
    public const int ExactBelow = 2000;

    /// <summary>Vectors that <see cref="Create(int, IReadOnlyList{float[]}, HnswOptions)"/> inserts one at a time before it inserts in batches.</summary>
    internal const int BulkSerialPrefix = 4096;

    /// <summary>
    /// Vectors inserted together by <see cref="Create(int, IReadOnlyList{float[]}, HnswOptions)"/>: each one searches the
    /// graph as it was before its batch and compares itself exactly with the batch's earlier members.
    /// A constant, not a function of the core count, so that the graph is too.
    /// </summary>
    internal const int BulkBatch = 256;

    private const int FileMagic = 0x574E5348; // "HSNW"
    private const int FileVersion = 1;

    [ThreadStatic]
    private static SearchScratch? _scratch;

    private readonly Lock _write = new();
    private readonly HnswOptions _options;
    private readonly int _m0;
    private readonly double _levelFactor;
    private readonly Random _random;
    private readonly Dictionary<int, int> _nodeOfId = [];

    private float[] _vectors;
    private int[] _ids;          // node -> external id
    private bool[] _deleted;
    private int[] _levels;
    private int[][] _links0;     // node -> [count, n1, n2, ...] on layer 0
    private int[][]?[] _upper;   // node -> per layer >= 1: [count, n1, ...]
    private int _nodes;
    private int _live;
    private int _entry = -1;
    private int _maxLevel = -1;

    // What readers start from: the entry node and its level, published together and only after the
    // node itself is published, so a search never starts from a node it cannot see yet.
    private EntryPoint? _published;

    public HnswIndex(int dimensions, HnswOptions? options = null, int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        _options = options ?? HnswOptions.Default;
        _options.Validate();
        Dimensions = dimensions;
        _m0 = _options.M * 2;
        _levelFactor = 1 / Math.Log(_options.M);
        _random = new Random(_options.Seed);
        capacity = Math.Max(16, capacity);
        _vectors = new float[capacity * dimensions];
        _ids = new int[capacity];
        _deleted = new bool[capacity];
        _levels = new int[capacity];
        _links0 = new int[capacity][];
        _upper = new int[capacity][][];
    }

    public int Dimensions { get; }

    public int Count => Volatile.Read(ref _live);

    public HnswOptions Options => _options;

    /// <summary>Nodes in the graph, tombstones included.</summary>
    public int NodeCount => Volatile.Read(ref _nodes);

    /// <summary>Builds an index over <paramref name="vectors"/> with ids 0..n-1.</summary>
    /// <remarks>
    /// The first <see cref="BulkSerialPrefix"/> vectors are inserted one at a time, as <see cref="Add"/>
    /// does, so an index of that size or less is the same graph a loop of <see cref="Add"/> builds. The
    /// rest go in batches of <see cref="BulkBatch"/> whose searches, neighbour selection and reverse
    /// links run on all cores. The result depends only on the vectors and the options, never on the
    /// core count or thread timing: the same input saves to the same bytes (on one kind of CPU, since
    /// the SIMD width can change the last bit of a similarity, as it can for <see cref="Add"/>).
    /// </remarks>
    public static HnswIndex Create(int dimensions, IReadOnlyList<float[]> vectors, HnswOptions options) =>
        Create(dimensions, vectors, options, maxDegreeOfParallelism: -1);

    /// <summary><see cref="Create(int, IReadOnlyList{float[]}, HnswOptions)"/> on at most <paramref name="maxDegreeOfParallelism"/> threads (-1: all cores).</summary>
    internal static HnswIndex Create(int dimensions, IReadOnlyList<float[]> vectors, HnswOptions options, int maxDegreeOfParallelism)
    {
        var index = new HnswIndex(dimensions, options, vectors.Count);
        var serial = Math.Min(vectors.Count, BulkSerialPrefix);
        for (var i = 0; i < serial; i++)
        {
            index.Add(i, vectors[i]);
        }

        if (serial < vectors.Count)
        {
            index.AddBulk(vectors, serial, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism });
        }

        return index;
    }

    public void Add(int id, ReadOnlySpan<float> vector)
    {
        VectorMath.CheckDimensions(vector, Dimensions, "The vector");
        lock (_write)
        {
            if (_nodeOfId.TryGetValue(id, out var old))
            {
                _deleted[old] = true;
                _live--;
            }

            var node = _nodes;
            EnsureCapacity(node + 1);
            var level = NewNode(node, id, vector);
            Link(node, level);
            Volatile.Write(ref _nodes, node + 1);
            if (_published is null || _published.Node != _entry)
            {
                Volatile.Write(ref _published, new EntryPoint(_entry, _maxLevel));
            }

            _live++;
        }
    }

    public bool Remove(int id)
    {
        lock (_write)
        {
            if (!_nodeOfId.Remove(id, out var node))
            {
                return false;
            }

            _deleted[node] = true;
            _live--;
            return true;
        }
    }

    public ScoredItem[] Search(ReadOnlySpan<float> query, int count, Func<int, bool>? exclude = null) =>
        Search(query, count, _options.EfSearch, exclude);

    /// <summary>Searches with an explicit candidate list size <paramref name="ef"/>.</summary>
    public ScoredItem[] Search(ReadOnlySpan<float> query, int count, int ef, Func<int, bool>? exclude = null)
    {
        VectorMath.CheckDimensions(query, Dimensions, "The query vector");
        var nodes = Volatile.Read(ref _nodes);
        if (count <= 0 || _live == 0)
        {
            return [];
        }

        if (_live < ExactBelow)
        {
            return Exact(query, count, nodes, exclude);
        }

        var top0 = Volatile.Read(ref _published)!;
        var entry = top0.Node;
        var vectors = _vectors;
        var sim = VectorMath.Dot(query, vectors.AsSpan(entry * Dimensions, Dimensions));
        for (var level = top0.Level; level > 0; level--)
        {
            (entry, sim) = Greedy(query, entry, sim, level, nodes);
        }

        var scratch = Scratch(nodes);
        var results = SearchLayer(query, entry, sim, Math.Max(ef, count), 0, scratch, skipDeleted: true, exclude, nodes);
        var top = new TopK(count);
        foreach (var (s, n) in results)
        {
            top.Add(_ids[n], s);
        }

        return top.ToSortedArray();
    }

    /// <summary>Writes the index (vectors, graph, ids, tombstones) in a versioned binary format.</summary>
    public void Save(Stream stream)
    {
        lock (_write)
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(FileMagic);
            w.Write(FileVersion);
            w.Write(Dimensions);
            w.Write(_options.M);
            w.Write(_options.EfConstruction);
            w.Write(_options.EfSearch);
            w.Write(_options.Seed);
            w.Write(_nodes);
            w.Write(_entry);
            w.Write(_maxLevel);
            w.Write(MemoryMarshal.AsBytes(_vectors.AsSpan(0, _nodes * Dimensions)));
            for (var n = 0; n < _nodes; n++)
            {
                w.Write(_ids[n]);
                w.Write(_deleted[n]);
                w.Write(_levels[n]);
                WriteLinks(w, _links0[n]);
                for (var l = 1; l <= _levels[n]; l++)
                {
                    WriteLinks(w, _upper[n]![l]);
                }
            }
        }
    }

    /// <summary>Reads an index written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not an index file of this version, or is truncated.</exception>
    public static HnswIndex Load(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadInt32() != FileMagic)
            {
                throw new InvalidDataException("Not an HNSW index file.");
            }

            var version = r.ReadInt32();
            if (version != FileVersion)
            {
                throw new InvalidDataException($"HNSW index file version {version} is not supported (expected {FileVersion}).");
            }

            var dims = r.ReadInt32();
            var options = new HnswOptions { M = r.ReadInt32(), EfConstruction = r.ReadInt32(), EfSearch = r.ReadInt32(), Seed = r.ReadInt32() };
            var nodes = r.ReadInt32();
            var index = new HnswIndex(dims, options, nodes);
            index._entry = r.ReadInt32();
            index._maxLevel = r.ReadInt32();
            var bytes = r.ReadBytes(nodes * dims * sizeof(float));
            if (bytes.Length != nodes * dims * sizeof(float))
            {
                throw new InvalidDataException("HNSW index file is truncated.");
            }

            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(index._vectors);
            for (var n = 0; n < nodes; n++)
            {
                index._ids[n] = r.ReadInt32();
                index._deleted[n] = r.ReadBoolean();
                index._levels[n] = r.ReadInt32();
                index._links0[n] = ReadLinks(r, index._m0);
                if (index._levels[n] > 0)
                {
                    var layers = new int[index._levels[n] + 1][];
                    for (var l = 1; l <= index._levels[n]; l++)
                    {
                        layers[l] = ReadLinks(r, options.M);
                    }

                    index._upper[n] = layers;
                }

                if (!index._deleted[n])
                {
                    index._nodeOfId[index._ids[n]] = n;
                    index._live++;
                }
            }

            index._nodes = nodes;
            index._published = index._entry < 0 ? null : new EntryPoint(index._entry, index._maxLevel);
            return index;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("HNSW index file is truncated.", e);
        }
    }

    private static void WriteLinks(BinaryWriter w, int[] links)
    {
        w.Write(links[0]);
        for (var i = 1; i <= links[0]; i++)
        {
            w.Write(links[i]);
        }
    }

    private static int[] ReadLinks(BinaryReader r, int max)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > max)
        {
            throw new InvalidDataException($"HNSW index file has a node with {count} links (at most {max}).");
        }

        var links = new int[max + 1];
        links[0] = count;
        for (var i = 1; i <= count; i++)
        {
            links[i] = r.ReadInt32();
        }

        return links;
    }

    private ScoredItem[] Exact(ReadOnlySpan<float> query, int count, int nodes, Func<int, bool>? exclude)
    {
        var top = new TopK(count);
        var vectors = _vectors;
        for (var n = 0; n < nodes; n++)
        {
            if (_deleted[n] || (exclude is not null && exclude(_ids[n])))
            {
                continue;
            }

            var s = VectorMath.Dot(query, vectors.AsSpan(n * Dimensions, Dimensions));
            if (s > top.Threshold)
            {
                top.Add(_ids[n], s);
            }
        }

        return top.ToSortedArray();
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _ids.Length)
        {
            return;
        }

        var capacity = Math.Max(needed, _ids.Length * 2);
        var vectors = new float[capacity * Dimensions];
        _vectors.AsSpan().CopyTo(vectors);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _deleted, capacity);
        Array.Resize(ref _levels, capacity);
        Array.Resize(ref _links0, capacity);
        Array.Resize(ref _upper, capacity);
        _vectors = vectors;
    }

    /// <summary>Stores a node's vector and id, draws its level and allocates its link lists; returns the level.</summary>
    private int NewNode(int node, int id, ReadOnlySpan<float> vector)
    {
        vector.CopyTo(_vectors.AsSpan(node * Dimensions, Dimensions));
        _ids[node] = id;
        var level = (int)(-Math.Log(1 - _random.NextDouble()) * _levelFactor);
        _levels[node] = level;
        _links0[node] = new int[_m0 + 1];
        if (level > 0)
        {
            var layers = new int[level + 1][];
            for (var l = 1; l <= level; l++)
            {
                layers[l] = new int[_options.M + 1];
            }

            _upper[node] = layers;
        }

        _nodeOfId[id] = node;
        return level;
    }

    private void Link(int node, int level)
    {
        if (_entry < 0)
        {
            _entry = node;
            _maxLevel = level;
            return;
        }

        var query = _vectors.AsSpan(node * Dimensions, Dimensions);
        var (entry, sim) = Descend(query, level, _entry, _maxLevel, node + 1);
        var scratch = Scratch(node + 1);
        for (var l = Math.Min(level, _maxLevel); l >= 0; l--)
        {
            var found = SearchLayer(query, entry, sim, _options.EfConstruction, l, scratch, skipDeleted: false, null, node + 1);
            var selected = SetLinks(node, l, found);
            var max = l == 0 ? _m0 : _options.M;
            foreach (var neighbor in selected)
            {
                Connect(neighbor, node, l, max);
            }

            (sim, entry) = found[0];
        }

        if (level > _maxLevel)
        {
            _maxLevel = level;
            _entry = node;
        }
    }

    /// <summary>
    /// Inserts <paramref name="vectors"/> from <paramref name="start"/> on, in batches of <see cref="BulkBatch"/>.
    /// Only <see cref="Create(int, IReadOnlyList{float[]}, HnswOptions, int)"/> calls it, before anyone else sees the index.
    /// </summary>
    /// <remarks>
    /// Per batch: levels are drawn in node order from the seeded generator (the same draws a loop of
    /// <see cref="Add"/> makes). Then, in parallel, each node searches the graph as it was before the batch
    /// (read-only, so no node sees another's work in progress), adds the batch's earlier members that
    /// reach the layer with exact similarities, and selects its links with the heuristic. Then the
    /// reverse links are grouped by the node that receives them and applied, in parallel over receivers
    /// and in node order within one: <see cref="Connect"/> reads and writes the receiver's list only, so
    /// this is the graph that linking the batch serially in node order gives. Last, the entry point moves
    /// to the first node above the top level, as in <see cref="Link"/>.
    /// </remarks>
    private void AddBulk(IReadOnlyList<float[]> vectors, int start, ParallelOptions parallel)
    {
        for (var node = start; node < vectors.Count; node++)
        {
            VectorMath.CheckDimensions(vectors[node], Dimensions, "The vector");
        }

        lock (_write)
        {
            EnsureCapacity(vectors.Count);
            var reverse = new List<ReverseLink>(BulkBatch * (_options.M + 2));
            var runs = new List<int>();
            for (var first = start; first < vectors.Count; first += BulkBatch)
            {
                var end = Math.Min(first + BulkBatch, vectors.Count);
                for (var node = first; node < end; node++)
                {
                    NewNode(node, node, vectors[node]);
                }

                var batchStart = first;
                var entry = _entry;
                var top = _maxLevel;
                Parallel.For(batchStart, end, parallel, node => LinkForward(node, batchStart, entry, top));

                reverse.Clear();
                for (var node = batchStart; node < end; node++)
                {
                    for (var l = _levels[node]; l >= 0; l--)
                    {
                        var links = LinksOf(node, l);
                        for (var i = 1; i <= links[0]; i++)
                        {
                            reverse.Add(new ReverseLink(links[i], l, node));
                        }
                    }
                }

                reverse.Sort(ReverseLink.Compare);
                runs.Clear();
                for (var i = 0; i < reverse.Count; i++)
                {
                    if (i == 0 || reverse[i].Receiver != reverse[i - 1].Receiver || reverse[i].Level != reverse[i - 1].Level)
                    {
                        runs.Add(i);
                    }
                }

                runs.Add(reverse.Count);
                Parallel.For(0, runs.Count - 1, parallel, run =>
                {
                    for (var i = runs[run]; i < runs[run + 1]; i++)
                    {
                        var link = reverse[i];
                        Connect(link.Receiver, link.Newcomer, link.Level, link.Level == 0 ? _m0 : _options.M);
                    }
                });

                for (var node = batchStart; node < end; node++)
                {
                    if (_levels[node] > _maxLevel)
                    {
                        _maxLevel = _levels[node];
                        _entry = node;
                    }
                }

                _live += end - batchStart;
                Volatile.Write(ref _nodes, end);
                Volatile.Write(ref _published, new EntryPoint(_entry, _maxLevel));
            }
        }
    }

    /// <summary>
    /// Sets <paramref name="node"/>'s own links on every layer of its level from the graph below
    /// <paramref name="batchStart"/> (entered at <paramref name="entry"/> on layer <paramref name="top"/>)
    /// and the batch's members before it. Writes nothing but the node's own lists.
    /// </summary>
    private void LinkForward(int node, int batchStart, int entry, int top)
    {
        var query = _vectors.AsSpan(node * Dimensions, Dimensions);
        var level = _levels[node];
        (entry, var sim) = Descend(query, level, entry, top, batchStart);
        var scratch = Scratch(batchStart);
        for (var l = level; l >= 0; l--)
        {
            List<(float Sim, int Node)> found;
            if (l <= top)
            {
                found = SearchLayer(query, entry, sim, _options.EfConstruction, l, scratch, skipDeleted: false, null, batchStart);
                (sim, entry) = found[0];
            }
            else
            {
                found = [];
            }

            for (var other = batchStart; other < node; other++)
            {
                if (_levels[other] >= l)
                {
                    found.Add((VectorMath.Dot(query, _vectors.AsSpan(other * Dimensions, Dimensions)), other));
                }
            }

            found.Sort(static (a, b) => a.Sim != b.Sim ? b.Sim.CompareTo(a.Sim) : a.Node.CompareTo(b.Node));
            if (found.Count > _options.EfConstruction)
            {
                found.RemoveRange(_options.EfConstruction, found.Count - _options.EfConstruction);
            }

            SetLinks(node, l, found);
        }
    }

    /// <summary>Greedy descent from <paramref name="entry"/> on layer <paramref name="top"/> to the layer above <paramref name="level"/>.</summary>
    private (int Node, float Sim) Descend(ReadOnlySpan<float> query, int level, int entry, int top, int limit)
    {
        var sim = VectorMath.Dot(query, _vectors.AsSpan(entry * Dimensions, Dimensions));
        for (var l = top; l > level; l--)
        {
            (entry, sim) = Greedy(query, entry, sim, l, limit);
        }

        return (entry, sim);
    }

    /// <summary>Selects <paramref name="node"/>'s links on <paramref name="level"/> from candidates sorted best first, stores and returns them.</summary>
    private List<int> SetLinks(int node, int level, List<(float Sim, int Node)> sortedBestFirst)
    {
        var selected = SelectNeighbors(sortedBestFirst, _options.M);
        var links = LinksOf(node, level);
        links[0] = selected.Count;
        for (var i = 0; i < selected.Count; i++)
        {
            links[i + 1] = selected[i];
        }

        return selected;
    }

    /// <summary>Adds <paramref name="newcomer"/> to <paramref name="node"/>'s links, pruning with the heuristic when full.</summary>
    private void Connect(int node, int newcomer, int level, int max)
    {
        var links = LinksOf(node, level);
        var count = links[0];
        if (count < max)
        {
            links[count + 1] = newcomer;
            Volatile.Write(ref links[0], count + 1);
            return;
        }

        var vector = _vectors.AsSpan(node * Dimensions, Dimensions);
        var candidates = new List<(float Sim, int Node)>(count + 1);
        for (var i = 1; i <= count; i++)
        {
            candidates.Add((VectorMath.Dot(vector, _vectors.AsSpan(links[i] * Dimensions, Dimensions)), links[i]));
        }

        candidates.Add((VectorMath.Dot(vector, _vectors.AsSpan(newcomer * Dimensions, Dimensions)), newcomer));
        candidates.Sort(static (a, b) => b.Sim.CompareTo(a.Sim));
        var selected = SelectNeighbors(candidates, max);

        // Publish a fresh list so concurrent readers never see a half-rewritten one.
        var fresh = new int[links.Length];
        fresh[0] = selected.Count;
        for (var i = 0; i < selected.Count; i++)
        {
            fresh[i + 1] = selected[i];
        }

        if (level == 0)
        {
            Volatile.Write(ref _links0[node], fresh);
        }
        else
        {
            Volatile.Write(ref _upper[node]![level], fresh);
        }
    }

    /// <summary>
    /// The neighbour-selection heuristic: keep a candidate only when it is closer to the base than to
    /// every neighbour already kept, which keeps links pointing in different directions.
    /// </summary>
    private List<int> SelectNeighbors(List<(float Sim, int Node)> sortedBestFirst, int max)
    {
        var selected = new List<int>(max);
        foreach (var (sim, candidate) in sortedBestFirst)
        {
            if (selected.Count >= max)
            {
                break;
            }

            var good = true;
            var cv = _vectors.AsSpan(candidate * Dimensions, Dimensions);
            foreach (var s in selected)
            {
                if (VectorMath.Dot(cv, _vectors.AsSpan(s * Dimensions, Dimensions)) > sim)
                {
                    good = false;
                    break;
                }
            }

            if (good)
            {
                selected.Add(candidate);
            }
        }

        return selected;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int[] LinksOf(int node, int level) => level == 0 ? Volatile.Read(ref _links0[node]) : Volatile.Read(ref _upper[node]![level]);

    /// <summary>Greedy walk to the most similar node on one layer.</summary>
    /// <remarks>Nodes at or past <paramref name="limit"/> are being linked by a writer and are not visited.</remarks>
    private (int Node, float Sim) Greedy(ReadOnlySpan<float> query, int entry, float sim, int level, int limit)
    {
        var vectors = _vectors;
        var changed = true;
        while (changed)
        {
            changed = false;
            var links = LinksOf(entry, level);
            var count = Volatile.Read(ref links[0]);
            for (var i = 1; i <= count; i++)
            {
                var n = links[i];
                if (n >= limit)
                {
                    continue;
                }

                var s = VectorMath.Dot(query, vectors.AsSpan(n * Dimensions, Dimensions));
                if (s > sim)
                {
                    (entry, sim, changed) = (n, s, true);
                }
            }
        }

        return (entry, sim);
    }

    /// <summary>Beam search on one layer; returns up to <paramref name="ef"/> nodes, most similar first.</summary>
    /// <remarks>Nodes at or past <paramref name="limit"/> are being linked by a writer and are not visited.</remarks>
    private List<(float Sim, int Node)> SearchLayer(ReadOnlySpan<float> query, int entry, float entrySim, int ef, int level, SearchScratch scratch, bool skipDeleted, Func<int, bool>? exclude, int limit)
    {
        var vectors = _vectors;
        var visit = scratch.NextGeneration();
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;  // max-heap by similarity: next to expand
        var results = scratch.Results;        // min-heap by similarity: worst kept on top
        candidates.Clear();
        results.Clear();
        visited[entry] = visit;
        candidates.Push(entrySim, entry);
        if (!skipDeleted || Returnable(entry, exclude))
        {
            results.Push(-entrySim, entry);
        }

        while (candidates.Count > 0)
        {
            var (sim, node) = candidates.Pop();
            if (results.Count >= ef && sim < -results.PeekKey())
            {
                break;
            }

            var links = LinksOf(node, level);
            var count = Volatile.Read(ref links[0]);
            for (var i = 1; i <= count; i++)
            {
                var n = links[i];
                if (n >= limit || visited[n] == visit)
                {
                    continue;
                }

                visited[n] = visit;
                var s = VectorMath.Dot(query, vectors.AsSpan(n * Dimensions, Dimensions));
                if (results.Count < ef || s > -results.PeekKey())
                {
                    candidates.Push(s, n);
                    if (!skipDeleted || Returnable(n, exclude))
                    {
                        results.Push(-s, n);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }
                    }
                }
            }
        }

        var list = new List<(float Sim, int Node)>(results.Count);
        while (results.Count > 0)
        {
            var (negSim, n) = results.Pop();
            list.Add((-negSim, n));
        }

        list.Reverse();
        return list;
    }

    private bool Returnable(int node, Func<int, bool>? exclude) => !_deleted[node] && (exclude is null || !exclude(_ids[node]));

    private sealed record EntryPoint(int Node, int Level);

    /// <summary>A link from <see cref="Receiver"/> back to <see cref="Newcomer"/> on one layer.</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly record struct ReverseLink(int Receiver, int Level, int Newcomer)
    {
        /// <summary>By receiver, layer, then newcomer: a total order, so sorting is deterministic.</summary>
        public static int Compare(ReverseLink a, ReverseLink b) =>
            a.Receiver != b.Receiver ? a.Receiver.CompareTo(b.Receiver)
            : a.Level != b.Level ? a.Level.CompareTo(b.Level)
            : a.Newcomer.CompareTo(b.Newcomer);
    }

    private static SearchScratch Scratch(int nodes)
    {
        var s = _scratch;
        if (s is null || s.Visited.Length < nodes)
        {
            s = _scratch = new SearchScratch(Math.Max(nodes, s?.Visited.Length * 2 ?? 0));
        }

        return s;
    }

    /// <summary>Per-thread search state: a visited-stamp array and two heaps.</summary>
    private sealed class SearchScratch
    {
        private int _generation;

        public SearchScratch(int size) => Visited = new int[size];

        public int[] Visited { get; }

        public MaxHeap Candidates { get; } = new();

        public MaxHeap Results { get; } = new();

        public int NextGeneration()
        {
            if (++_generation == int.MaxValue)
            {
                Array.Clear(Visited);
                _generation = 1;
            }

            return _generation;
        }
    }

    /// <summary>A binary max-heap of (key, node); the results heap stores negated keys to act as a min-heap.</summary>
    private sealed class MaxHeap
    {
        private float[] _keys = new float[256];
        private int[] _nodes = new int[256];

        public int Count { get; private set; }

        public void Clear() => Count = 0;

        public float PeekKey() => _keys[0];

        public void Push(float key, int node)
        {
            if (Count == _keys.Length)
            {
                Array.Resize(ref _keys, Count * 2);
                Array.Resize(ref _nodes, Count * 2);
            }

            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (_keys[parent] >= key)
                {
                    break;
                }

                _keys[i] = _keys[parent];
                _nodes[i] = _nodes[parent];
                i = parent;
            }

            _keys[i] = key;
            _nodes[i] = node;
        }

        public (float Key, int Node) Pop()
        {
            var top = (_keys[0], _nodes[0]);
            var key = _keys[--Count];
            var node = _nodes[Count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= Count)
                {
                    break;
                }

                if (child + 1 < Count && _keys[child + 1] > _keys[child])
                {
                    child++;
                }

                if (_keys[child] <= key)
                {
                    break;
                }

                _keys[i] = _keys[child];
                _nodes[i] = _nodes[child];
                i = child;
            }

            if (Count > 0)
            {
                _keys[i] = key;
                _nodes[i] = node;
            }

            return top;
        }
    }
}
