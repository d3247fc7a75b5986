using System.Text;
using ServiceBot.Abstractions.Text;

namespace ServiceBot.Text.Synonyms;

/// <summary>
/// Synonym groups read from a synonym file, keyed by index term. The file has one group per line, the
/// words separated by spaces, tabs, commas (<c>,</c> <c>，</c>) or <c>、</c>; blank lines and lines starting
/// with <c>#</c> are skipped. The 同义词词林 (Cilin) format is accepted as well: a leading category code
/// ending in <c>=</c> is dropped, and lines whose code ends in <c>#</c> (related, not synonymous) or
/// <c>@</c> (a word on its own) are skipped. Immutable and thread-safe.
/// </summary>
public sealed class SynonymSet
{
    private static readonly char[] Separators = [' ', '\t', ',', '，', '、', '\u3000'];

    private readonly Dictionary<string, string[]> _expansions;

    private SynonymSet(Dictionary<string, string[]> expansions, int groupCount)
    {
        _expansions = expansions;
        GroupCount = groupCount;
    }

    /// <summary>A set with no synonyms.</summary>
    public static SynonymSet Empty { get; } = new([], 0);

    /// <summary>Number of groups with at least two distinct terms.</summary>
    public int GroupCount { get; }

    /// <summary>Number of terms that have synonyms.</summary>
    public int TermCount => _expansions.Count;

    /// <summary>Reads a synonym file (UTF-8) and analyzes every word with <paramref name="analyzer"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static SynonymSet Load(string path, ITextAnalyzer analyzer)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, analyzer);
    }

    /// <summary>Reads synonym groups from <paramref name="reader"/>.</summary>
    public static SynonymSet Parse(TextReader reader, ITextAnalyzer analyzer) => Merge([ReadGroups(reader, analyzer)]);

    /// <summary>Combines the groups of several files into one set.</summary>
    public static SynonymSet Merge(IEnumerable<IReadOnlyList<string[]>> groupLists)
    {
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var groupCount = 0;
        foreach (var groups in groupLists)
        {
            foreach (var group in groups)
            {
                groupCount++;
                foreach (var term in group)
                {
                    if (!members.TryGetValue(term, out var list))
                    {
                        members[term] = list = [];
                    }

                    foreach (var other in group)
                    {
                        if (other != term && !list.Contains(other))
                        {
                            list.Add(other);
                        }
                    }
                }
            }
        }

        return new SynonymSet(members.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), groupCount);
    }

    /// <summary>The groups of one file, as index terms, groups with fewer than two distinct terms left out.</summary>
    public static IReadOnlyList<string[]> ReadGroups(TextReader reader, ITextAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(analyzer);
        var groups = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Trim().TrimStart('\uFEFF').Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }

            var first = 0;
            if (IsCilinCode(fields[0]))
            {
                if (fields[0][^1] != '=')
                {
                    continue;
                }

                first = 1;
            }

            var terms = new List<string>();
            for (var i = first; i < fields.Length; i++)
            {
                var analyzed = analyzer.Analyze(fields[i]);
                var term = analyzed.Terms.Count switch
                {
                    0 => null,
                    1 => analyzed.Terms[0],
                    _ => string.Join(' ', analyzed.Terms),
                };
                if (term is not null && !terms.Contains(term))
                {
                    terms.Add(term);
                }
            }

            if (terms.Count >= 2)
            {
                groups.Add([.. terms]);
            }
        }

        return groups;
    }

    /// <summary>The synonyms of <paramref name="term"/>, excluding itself; empty when none.</summary>
    public IReadOnlyList<string> Expand(string term) =>
        term is not null && _expansions.TryGetValue(term, out var synonyms) ? synonyms : [];

    /// <summary>A Cilin category code such as <c>Aa01A01=</c>: letter, letter, two digits, letter, two digits, then = # or @.</summary>
    private static bool IsCilinCode(string field) =>
        field.Length == 8 && char.IsAsciiLetterUpper(field[0]) && char.IsAsciiLetterLower(field[1]) && char.IsAsciiDigit(field[2]) && char.IsAsciiDigit(field[3])
        && char.IsAsciiLetterUpper(field[4]) && char.IsAsciiDigit(field[5]) && char.IsAsciiDigit(field[6]) && field[7] is '=' or '#' or '@';
}
