using System.Globalization;
using System.Text;

namespace ServiceBot.Text.Keywords;

/// <summary>jieba's IDF table (<c>analyse/idf.txt</c>: "word idf" per line) and its median, used for unknown words. Immutable.</summary>
internal sealed class IdfTable
{
    private readonly Dictionary<string, double> _idf;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private IdfTable(Dictionary<string, double> idf, double median)
    {
        _idf = idf;
        _lookup = idf.GetAlternateLookup<ReadOnlySpan<char>>();
        Median = median;
    }

    /// <summary>The IDF of words the table does not list (<c>sorted(values)[len // 2]</c>, as jieba takes it).</summary>
    public double Median { get; }

    public int Count => _idf.Count;

    public double Get(ReadOnlySpan<char> word) => _lookup.TryGetValue(word, out var idf) ? idf : Median;

    public bool Contains(ReadOnlySpan<char> word) => _lookup.ContainsKey(word);

    /// <summary>Reads an IDF table file.</summary>
    /// <exception cref="TextDataNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not "word number"; the message names the file and line.</exception>
    public static IdfTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new TextDataNotFoundException(
                $"jieba's IDF table was not found at {path}. Install it with `apt-get install python3-jieba` (or run `scripts/setup.sh runtime`), " +
                "or set ServiceBot:Text:IdfFile.",
                [path]);
        }

        var idf = new Dictionary<string, double>(300_000, StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in File.ReadAllText(path, Encoding.UTF8).AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            var space = line.IndexOf(' ');
            if (space <= 0 || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected \"word idf\", got \"{line}\".");
            }

            idf[line[..space].ToString()] = value;
        }

        if (idf.Count == 0)
        {
            throw new InvalidDataException($"{path}: the IDF table is empty.");
        }

        var values = idf.Values.ToArray();
        Array.Sort(values);
        return new IdfTable(idf, values[values.Length / 2]);
    }
}
