using System.Text.RegularExpressions;

namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>
/// The sources' figures written as a table in prose: one sentence that gives different values of one
/// kind to different items, a clause each ("手机¥100，平板电脑和智能手表¥50，笔记本电脑¥200";
/// "¥100 for phones, ¥50 for tablets and smartwatches, and ¥200 for laptops"). A reply that gives one
/// row's value to another row's item ("平板电脑……补贴¥100") states something no source does, though
/// the figure itself is in the sources.
/// </summary>
/// <remarks>
/// Conservative on purpose: an item counts as mentioned only when the reply's clause contains it
/// whole, and a clause that names no item of the table, or names the right one, passes.
/// Built with the <see cref="FactIndex"/>; immutable afterwards.
/// </remarks>
internal sealed partial class ValueTables
{
    private const int MaxCjkItem = 8;
    private const int MaxLatinItemWords = 3;

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "for", "to", "of", "per", "each", "and", "or", "with", "get", "gets", "is", "are", "on", "in", "at", "up", "you", "your",
    };

    private readonly List<Row[]> _tables = [];

    /// <summary>Adds the table a source sentence writes, if it is one.</summary>
    /// <param name="text">The folded source.</param>
    /// <param name="start">Where the sentence starts in <paramref name="text"/>.</param>
    /// <param name="length">Its length.</param>
    /// <param name="facts">The facts of the source.</param>
    public void AddSentence(string text, int start, int length, IReadOnlyList<Fact> facts)
    {
        var rows = new List<Row>();
        foreach (var (clauseStart, clauseLength) in Clauses(text, start, length))
        {
            var fact = Single(facts, clauseStart, clauseLength);
            if (fact is null || fact.Start + fact.Length > clauseStart + clauseLength)
            {
                continue;
            }

            var key = string.Concat(text.AsSpan(clauseStart, fact.Start - clauseStart), " ", text.AsSpan(fact.Start + fact.Length, clauseStart + clauseLength - fact.Start - fact.Length));
            var items = Items(key);
            if (items.Length > 0)
            {
                rows.Add(new Row(fact, items));
            }
        }

        foreach (var group in rows.GroupBy(r => (r.Fact.Kind, r.Fact.Key)))
        {
            var table = group.ToArray();
            if (table.Length >= 2 && table.Any(r => !SameValue(r.Fact, table[0].Fact)))
            {
                _tables.Add(table);
            }
        }
    }

    /// <summary>
    /// The facts of <paramref name="reply"/> that the sources state by value (<paramref name="supported"/>)
    /// but said of an item a source table gives another value, each with that item.
    /// </summary>
    public IEnumerable<(Fact Fact, string Item)> Misattributed(string reply, IReadOnlyList<Fact> replyFacts, IEnumerable<Fact> supported)
    {
        if (_tables.Count == 0)
        {
            yield break;
        }

        var clauses = Clauses(reply, 0, reply.Length).ToList();
        foreach (var fact in supported)
        {
            if (!IsRowKind(fact.Kind))
            {
                continue;
            }

            var (start, length) = clauses.Find(c => fact.Start >= c.Start && fact.Start < c.Start + c.Length);
            if (!ReferenceEquals(Single(replyFacts, start, length), fact))
            {
                continue;
            }

            var clause = reply.Substring(start, length);
            var words = Words(clause);
            foreach (var table in _tables)
            {
                if (table[0].Fact.Kind != fact.Kind || table[0].Fact.Key != fact.Key || !Array.Exists(table, r => SameValue(r.Fact, fact)))
                {
                    continue;
                }

                var named = table.Where(r => Array.Exists(r.Items, item => Mentions(clause, words, item))).ToList();
                if (named.Count > 0 && !named.Exists(r => SameValue(r.Fact, fact)))
                {
                    yield return (fact, named[0].Items.First(item => Mentions(clause, words, item)));
                    break;
                }
            }
        }
    }

    private static bool IsRowKind(FactKind kind) => kind is FactKind.Amount or FactKind.Percent or FactKind.Discount or FactKind.Multiplier or FactKind.Duration or FactKind.Count;

    private static bool SameValue(Fact a, Fact b) => a.Low == b.Low && a.High == b.High;

    /// <summary>The one fact of a row kind in the span, or null when there is none or more than one.</summary>
    private static Fact? Single(IReadOnlyList<Fact> facts, int start, int length)
    {
        Fact? found = null;
        foreach (var fact in facts)
        {
            if (fact.Start >= start && fact.Start < start + length && IsRowKind(fact.Kind))
            {
                if (found is not null)
                {
                    return null;
                }

                found = fact;
            }
        }

        return found;
    }

    private static IEnumerable<(int Start, int Length)> Clauses(string text, int start, int length)
    {
        var end = start + length;
        var at = start;
        foreach (Match stop in ClauseBreak().Matches(text.Substring(start, length)))
        {
            var stopAt = start + stop.Index;
            if (stopAt > at)
            {
                yield return (at, stopAt - at);
            }

            at = stopAt + stop.Length;
        }

        if (end > at)
        {
            yield return (at, end - at);
        }
    }

    // What a row's clause names besides its value: 平板电脑 and 智能手表 in "平板电脑和智能手表¥50",
    // "tablets" and "smartwatches" in "¥50 for tablets and smartwatches". Asides in brackets are dropped.
    private static string[] Items(string key)
    {
        key = Bracketed().Replace(key, " ");
        if (FactExtractor.IsCjk(key.FirstOrDefault(FactExtractor.IsCjk)))
        {
            return [.. CjkSeparator().Split(key).Select(p => p.Trim()).Where(p => p.Length >= 2 && p.Length <= MaxCjkItem && p.All(FactExtractor.IsCjk))];
        }

        var items = new List<string>();
        var current = new List<string>();
        foreach (var word in Words(key).Append(""))
        {
            if (word.Length == 0 || Fillers.Contains(word))
            {
                if (current.Count is > 0 and <= MaxLatinItemWords && current.Sum(w => w.Length) >= 3)
                {
                    items.Add(string.Join(' ', current));
                }

                current.Clear();
                continue;
            }

            current.Add(word);
        }

        return [.. items];
    }

    private static bool Mentions(string clause, string[] words, string item)
    {
        if (FactExtractor.IsCjk(item[0]))
        {
            return clause.Contains(item, StringComparison.Ordinal);
        }

        var parts = item.Split(' ');
        for (var i = 0; i + parts.Length <= words.Length; i++)
        {
            var all = true;
            for (var j = 0; j < parts.Length && all; j++)
            {
                all = words[i + j] == parts[j];
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    // Lower-case words with a plural s taken off, so "tablet" names what "tablets" does.
    private static string[] Words(string text) =>
        [.. LatinWord().Matches(text.ToLowerInvariant()).Select(m => m.Value.Length > 3 && m.Value.EndsWith('s') && !m.Value.EndsWith("ss", StringComparison.Ordinal) ? m.Value[..^1] : m.Value)];

    private sealed record Row(Fact Fact, string[] Items);

    // Not the comma of "¥5,000" nor the colon of "9:00".
    [GeneratedRegex(@"[，；;：。！？!?\n]|,(?!\d)|(?<!\d),|:(?!\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"[（(][^（()）]*[)）]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"[和及与、或/\s]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CjkSeparator();

    [GeneratedRegex(@"[a-z][a-z-]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LatinWord();
}
