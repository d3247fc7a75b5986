using System.Runtime.InteropServices;
using ServiceBot.Abstractions.Text;

namespace ServiceBot.ChatBot.Retrieval;

/// <summary>
/// BM25 recall over corpus questions, then an IDF-weighted Dice similarity in [0, 1] that the
/// threshold compares (BM25 scores are not comparable across queries; the similarity is).
/// </summary>
internal sealed class Bm25ChitChatIndex : IChitChatIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Document[] _documents;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly Dictionary<string, double> _idf;
    private readonly double _averageLength;
    private readonly double _unknownIdf;

    private Bm25ChitChatIndex(Document[] documents)
    {
        _documents = documents;
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var d = 0; d < documents.Length; d++)
        {
            foreach (var group in documents[d].Terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(group.Key, out var list))
                {
                    postings[group.Key] = list = [];
                }

                list.Add(new Posting(d, group.Count()));
            }
        }

        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        var n = documents.Length;
        _idf = postings.ToDictionary(p => p.Key, p => Idf(n, p.Value.Count), StringComparer.Ordinal);
        _unknownIdf = Idf(n, 0);
        _averageLength = n == 0 ? 1 : Math.Max(1, documents.Average(d => d.Terms.Length));
    }

    public static Bm25ChitChatIndex Empty { get; } = new([]);

    public int Count => _documents.Length;

    public IEnumerable<string> Questions => _documents.Select(d => d.Question);

    /// <summary>Indexes every question of <paramref name="entries"/> with <paramref name="analyzer"/>.</summary>
    public static Bm25ChitChatIndex Build(IEnumerable<ChitChatEntry> entries, ITextAnalyzer analyzer)
    {
        var documents = new List<Document>();
        foreach (var entry in entries)
        {
            foreach (var question in entry.Questions)
            {
                var terms = ChitChatTerms.Of(analyzer.Analyze(question));
                if (terms.Length > 0)
                {
                    documents.Add(new Document(entry, question, terms, new HashSet<string>(terms, StringComparer.Ordinal)));
                }
            }
        }

        return new Bm25ChitChatIndex([.. documents]);
    }

    public IReadOnlyList<ChitChatHit> Search(AnalyzedUtterance query, string locale, int candidates)
    {
        var terms = ChitChatTerms.Of(query);
        if (terms.Length == 0 || _documents.Length == 0)
        {
            return [];
        }

        var scores = new Dictionary<int, double>();
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var postings))
            {
                continue;
            }

            var idf = _idf[term];
            foreach (var (doc, tf) in postings)
            {
                var length = _documents[doc].Terms.Length;
                var score = idf * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * length / _averageLength))));
                scores[doc] = scores.GetValueOrDefault(doc) + score;
            }
        }

        var querySet = new HashSet<string>(terms, StringComparer.Ordinal);
        var queryWeight = Weight(querySet);
        return [.. scores
            .Where(s => AppliesTo(_documents[s.Key].Entry.Locale, locale))
            .OrderByDescending(s => s.Value)
            .Take(Math.Max(1, candidates))
            .Select(s =>
            {
                var doc = _documents[s.Key];
                return new ChitChatHit(doc.Entry, doc.Question, Dice(querySet, queryWeight, doc.TermSet), s.Value);
            })
            .OrderByDescending(h => h.Similarity)
            .ThenByDescending(h => h.Score)];
    }

    public double Similarity(AnalyzedUtterance query, AnalyzedUtterance other)
    {
        var a = new HashSet<string>(ChitChatTerms.Of(query), StringComparer.Ordinal);
        var b = new HashSet<string>(ChitChatTerms.Of(other), StringComparer.Ordinal);
        return a.Count == 0 || b.Count == 0 ? 0 : Dice(a, Weight(a), b);
    }

    private double Dice(HashSet<string> query, double queryWeight, HashSet<string> document)
    {
        double shared = 0;
        foreach (var term in query)
        {
            if (document.Contains(term))
            {
                shared += IdfOf(term);
            }
        }

        var total = queryWeight + Weight(document);
        return total <= 0 ? 0 : 2 * shared / total;
    }

    private double Weight(HashSet<string> terms)
    {
        double sum = 0;
        foreach (var term in terms)
        {
            sum += IdfOf(term);
        }

        return sum;
    }

    private double IdfOf(string term) => _idf.TryGetValue(term, out var idf) ? idf : _unknownIdf;

    private static double Idf(int documents, int frequency) => Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));

    private static bool AppliesTo(string? entryLocale, string locale) =>
        entryLocale is null || locale.StartsWith(entryLocale, StringComparison.OrdinalIgnoreCase)
        || entryLocale.StartsWith(locale.Split('-')[0], StringComparison.OrdinalIgnoreCase);

    private sealed record Document(ChitChatEntry Entry, string Question, string[] Terms, HashSet<string> TermSet);

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Posting(int Document, int Frequency);
}
