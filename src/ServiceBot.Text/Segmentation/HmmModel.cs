using System.Runtime.CompilerServices;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// jieba's character-tagging HMM (<c>finalseg</c>): states B, M, E, S with start, transition and
/// emission log probabilities, and the Viterbi decoder, computed in the same order of floating-point
/// operations as the reference so that ties break the same way. Immutable and thread-safe.
/// </summary>
internal sealed class HmmModel
{
    /// <summary>jieba's stand-in for log(0).</summary>
    public const double MinFloat = -3.14e100;

    public const int B = 0;
    public const int M = 1;
    public const int E = 2;
    public const int S = 3;

    private const int HanCount = CharClasses.HanLast - CharClasses.HanFirst + 1;

    // Viterbi tie-breaking compares state letters: 'B' < 'E' < 'M' < 'S'.
    private static readonly int[] Letter = ['B', 'M', 'E', 'S'];

    private readonly double[] _start;
    private readonly double[] _trans;
    private readonly double[] _emit;

    public HmmModel(double[] start, double[] trans, double[] emit)
    {
        if (start.Length != 4 || trans.Length != 16 || emit.Length != 4 * HanCount)
        {
            throw new InvalidDataException("The HMM tables have the wrong shape.");
        }

        _start = start;
        _trans = trans;
        _emit = emit;
    }

    internal double[] Start => _start;

    internal double[] Transitions => _trans;

    internal double[] Emissions => _emit;

    public static int EmissionLength => 4 * HanCount;

    /// <summary>Reads <c>prob_start.py</c>, <c>prob_trans.py</c> and <c>prob_emit.py</c> from jieba's <c>finalseg</c> folder.</summary>
    public static HmmModel Load(string startFile, string transFile, string emitFile)
    {
        var start = new double[4];
        var trans = new double[16];
        var emit = new double[4 * HanCount];
        Array.Fill(trans, MinFloat);
        Array.Fill(emit, MinFloat);

        var startP = PythonLiteralReader.ReadAssignedDict(File.ReadAllText(startFile), startFile);
        for (var s = 0; s < 4; s++)
        {
            start[s] = GetNumber(startP, StateKey(s), startFile);
        }

        var transP = PythonLiteralReader.ReadAssignedDict(File.ReadAllText(transFile), transFile);
        for (var from = 0; from < 4; from++)
        {
            if (transP.TryGetValue(StateKey(from), out var row) && row is Dictionary<string, object> targets)
            {
                for (var to = 0; to < 4; to++)
                {
                    if (targets.TryGetValue(StateKey(to), out var p) && p is double value)
                    {
                        trans[(from * 4) + to] = value;
                    }
                }
            }
        }

        var emitP = PythonLiteralReader.ReadAssignedDict(File.ReadAllText(emitFile), emitFile);
        for (var s = 0; s < 4; s++)
        {
            if (!emitP.TryGetValue(StateKey(s), out var row) || row is not Dictionary<string, object> chars)
            {
                throw new InvalidDataException($"{emitFile}: no emission table for state {StateKey(s)}.");
            }

            foreach (var (key, value) in chars)
            {
                // Only [\u4E00-\u9FD5] ever reaches the HMM; other entries cannot be used.
                if (key.Length == 1 && CharClasses.IsHan(key[0]) && value is double p)
                {
                    emit[(s * HanCount) + (key[0] - CharClasses.HanFirst)] = p;
                }
            }
        }

        return new HmmModel(start, trans, emit);
    }

    /// <summary>
    /// Decodes the most probable state sequence of <paramref name="obs"/> (all in <c>[\u4E00-\u9FD5]</c>)
    /// into <paramref name="states"/>, exactly as <c>finalseg.viterbi</c> does.
    /// </summary>
    /// <param name="obs">The characters.</param>
    /// <param name="states">Receives one state per character.</param>
    /// <param name="back">Scratch space of at least <c>4 * obs.Length</c> bytes.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Viterbi(ReadOnlySpan<char> obs, Span<byte> states, Span<byte> back)
    {
        var n = obs.Length;
        var emit = _emit.AsSpan();
        var trans = _trans.AsSpan();
        Span<double> v = stackalloc double[4];
        Span<double> next = stackalloc double[4];
        var c0 = obs[0] - CharClasses.HanFirst;
        for (var y = 0; y < 4; y++)
        {
            v[y] = _start[y] + emit[(y * HanCount) + c0];
        }

        for (var t = 1; t < n; t++)
        {
            var c = obs[t] - CharClasses.HanFirst;
            var row = back.Slice(t * 4, 4);

            // PrevStatus: B <- E,S   M <- M,B   S <- S,E   E <- B,M (the order jieba lists them in).
            Step(v, trans, emit[(B * HanCount) + c], B, E, S, next, row);
            Step(v, trans, emit[(M * HanCount) + c], M, M, B, next, row);
            Step(v, trans, emit[(S * HanCount) + c], S, S, E, next, row);
            Step(v, trans, emit[(E * HanCount) + c], E, B, M, next, row);
            next.CopyTo(v);
        }

        // max((V[last][y], y) for y in 'ES'): a tie goes to 'S'.
        var state = v[S] >= v[E] ? S : E;
        for (var t = n - 1; t >= 0; t--)
        {
            states[t] = (byte)state;
            if (t > 0)
            {
                state = back[(t * 4) + state];
            }
        }
    }

    private static void Step(Span<double> v, Span<double> trans, double em, int y, int first, int second, Span<double> next, Span<byte> row)
    {
        // (V[t-1][y0] + trans_p[y0][y]) + em_p, compared as Python compares (prob, state) tuples.
        var p1 = v[first] + trans[(first * 4) + y] + em;
        var p2 = v[second] + trans[(second * 4) + y] + em;
        bool takeSecond = p2 > p1 || (p2 == p1 && Letter[second] > Letter[first]);
        next[y] = takeSecond ? p2 : p1;
        row[y] = (byte)(takeSecond ? second : first);
    }

    private static string StateKey(int state) => state switch
    {
        B => "B",
        M => "M",
        E => "E",
        _ => "S",
    };

    private static double GetNumber(Dictionary<string, object> table, string key, string file) =>
        table.TryGetValue(key, out var value) && value is double d ? d : throw new InvalidDataException($"{file}: no value for '{key}'.");
}
