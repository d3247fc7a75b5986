using System.Text;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Filters;
using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot.Filters.Claims;

/// <summary>
/// Finds claims a reply makes that its sources do not: sweeping words the sources never use
/// ("立即到账", "we always redirect") and clauses that restate a source clause with the opposite
/// polarity ("定制商品也可以退货" against "定制商品……不支持无理由退货").
/// </summary>
/// <remarks>
/// Lexical on purpose: it runs on every streamed sentence without a model. A reply clause is matched
/// to the source clause that contains most of its words (Chinese: character pairs), and only a match
/// above <see cref="ClaimFilterSettings.MinCoverage"/> is compared, so paraphrases that drop or add
/// a negation elsewhere are left alone. Built once per bot; thread-safe.
/// </remarks>
internal sealed partial class ClaimChecker
{
    private readonly string[] _absolutes;
    private readonly string[] _cjkNegations;
    private readonly HashSet<string> _latinNegations;
    private readonly string[] _notNegations;
    private readonly string[] _sourceTalk;
    private readonly HashSet<string> _stopWords;

    public ClaimChecker(ClaimRules rules)
    {
        _absolutes = [.. rules.Absolutes.Where(a => a.Length > 0)];
        _cjkNegations = [.. rules.Negations.Where(HasCjk)];
        _latinNegations = new HashSet<string>(rules.Negations.Where(n => !HasCjk(n)).Select(Normalize), StringComparer.Ordinal);

        // Longest first, so "without giving a reason" goes before "without a reason" could half-match it.
        _notNegations = [.. rules.NotNegations.Select(Normalize).OrderByDescending(n => n.Length)];
        _sourceTalk = [.. rules.SourceTalk.Select(Normalize)];
        _stopWords = new HashSet<string>(rules.StopWords.Select(Normalize), StringComparer.Ordinal);
    }

    /// <summary>The clauses of <paramref name="sources"/>, read once per turn and shared by its sentences.</summary>
    public ClaimSources Index(IEnumerable<string> sources)
    {
        var text = new StringBuilder();
        var clauses = new List<ClaimClause>();
        foreach (var source in sources)
        {
            text.Append(source).Append('\n');
            foreach (var (start, length) in SentenceSplitter.Split(source))
            {
                var sentence = Clauses(source.Substring(start, length)).Select(c => (Text: c, Negated: IsNegated(c))).ToList();
                var sentenceNegated = sentence.Exists(c => c.Negated);
                clauses.AddRange(sentence.Select(c => new ClaimClause(c.Text, Units(c.Text), c.Negated, sentenceNegated)));
            }
        }

        return new ClaimSources(text.ToString(), clauses);
    }

    public ClaimCheck Check(string reply, ClaimSources sources, ClaimFilterSettings settings, string? sourcesHeading = null)
    {
        var sentences = SentenceSplitter.Split(reply);
        var unsupported = new List<(int Sentence, string Kind, string Text)>();
        var underHeader = false;
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = reply.Substring(sentences[i].Start, sentences[i].Length);
            foreach (var word in _absolutes)
            {
                if (Contains(sentence, word) && !Contains(sources.Text, word))
                {
                    unsupported.Add((i, "absolute", word));
                }
            }

            // A line that introduces a list ("以下情况不在保修范围内：", "doesn't cover:") and the items under
            // it are compared as a whole or not at all: apart, the header has no object and the items no
            // predicate, and the header's negation belongs to every item.
            var item = SentenceSplitter.IsListItem(sentence);
            underHeader = item ? underHeader : sentence.TrimEnd().EndsWith(':') || sentence.TrimEnd().EndsWith('：');
            var contradiction = underHeader || IsSourceTalk(sentence) ? null : Contradiction(sentence, sources, settings);
            if (contradiction is not null)
            {
                unsupported.Add((i, "contradiction", contradiction));
            }
        }

        if (unsupported.Count == 0)
        {
            return new ClaimCheck(ReplyVerdict.Pass, reply, [], 0);
        }

        var (verdict, text, removed) = SentenceRemoval.Apply(
            reply,
            sentences,
            i => unsupported.Exists(u => u.Sentence == i),
            string.Equals(settings.Policy, "block", StringComparison.OrdinalIgnoreCase),
            settings.MaxRemovedSentences,
            sourcesHeading);
        return new ClaimCheck(verdict, text, [.. unsupported.Select(u => (u.Kind, u.Text))], removed);
    }

    /// <summary>The first clause of <paramref name="sentence"/> that contradicts its closest source clause, or null.</summary>
    private string? Contradiction(string sentence, ClaimSources sources, ClaimFilterSettings settings)
    {
        // A negation in an earlier clause ("还没发货的订单，可以直接取消") qualifies the later ones, so it
        // keeps them from contradicting a negative source clause. The other way round, a negative reply
        // clause contradicts only a source sentence without any negation: in "X, Y, gift cards and
        // virtual goods cannot be returned" the list item's clause carries none of its own.
        var carried = false;
        foreach (var clause in Clauses(sentence))
        {
            var own = IsNegated(clause);
            carried |= own;
            var units = Units(clause);
            if (units.Count < settings.MinClauseUnits)
            {
                continue;
            }

            ClaimClause? best = null;
            var bestCoverage = 0.0;
            foreach (var candidate in sources.Clauses)
            {
                var shared = 0;
                foreach (var unit in units)
                {
                    if (candidate.Units.Contains(unit))
                    {
                        shared++;
                    }
                }

                var coverage = (double)shared / units.Count;

                // On a tie the clause that agrees wins: doubt goes to the reply.
                if (coverage > bestCoverage || (best is not null && coverage == bestCoverage && candidate.Negated == own))
                {
                    best = candidate;
                    bestCoverage = coverage;
                }
            }

            if (best is null || bestCoverage < settings.MinCoverage)
            {
                continue;
            }

            // The negation must sit in what the two clauses share: in "starts the day after the warranty
            // ends and covers faults not caused by the user" the "not" is about something the reply
            // does not restate.
            var common = new HashSet<string>(units.Where(best.Units.Contains), StringComparer.Ordinal);
            if ((own && !best.SentenceNegated && NegatedWithin(clause, common)) || (!carried && best.Negated && NegatedWithin(best.Text, common)))
            {
                return clause;
            }
        }

        return null;
    }

    private static IEnumerable<string> Clauses(string sentence)
    {
        foreach (var piece in ClauseBreak().Split(sentence))
        {
            var clause = piece.Trim();
            if (clause.Length > 1)
            {
                yield return clause;
            }
        }
    }

    private bool IsSourceTalk(string sentence)
    {
        var text = Normalize(sentence);
        return Array.Exists(_sourceTalk, phrase => text.Contains(phrase, StringComparison.Ordinal));
    }

    private bool IsNegated(string clause) => Negations(clause).Any();

    /// <summary>Where the clause's negations are, as (start, end) in it; phrases that negate nothing are skipped.</summary>
    private IEnumerable<(int Start, int End)> Negations(string clause)
    {
        // Masked, not removed, so that offsets stay those of the clause.
        var text = Normalize(clause);
        foreach (var phrase in _notNegations)
        {
            text = text.Replace(phrase, new string(' ', phrase.Length), StringComparison.Ordinal);
        }

        if (HasCjk(text))
        {
            foreach (var negation in _cjkNegations)
            {
                for (var at = text.IndexOf(negation, StringComparison.Ordinal); at >= 0; at = text.IndexOf(negation, at + 1, StringComparison.Ordinal))
                {
                    yield return (at, at + negation.Length);
                }
            }

            yield break;
        }

        foreach (Match word in LatinWord().Matches(text))
        {
            // Contractions ("hasn't", "wouldn't") negate whether or not the list names them.
            if (_latinNegations.Contains(word.Value) || word.Value.EndsWith("n't", StringComparison.Ordinal))
            {
                yield return (word.Index, word.Index + word.Length);
            }
        }
    }

    /// <summary>True when a negation of <paramref name="clause"/> lies within, or right before, the stretch its <paramref name="shared"/> units cover.</summary>
    private bool NegatedWithin(string clause, HashSet<string> shared)
    {
        var text = Normalize(clause);
        int first = int.MaxValue, last = -1;
        if (HasCjk(text))
        {
            foreach (var unit in shared)
            {
                var at = text.IndexOf(unit, StringComparison.Ordinal);
                if (at >= 0)
                {
                    first = Math.Min(first, at);
                    last = Math.Max(last, text.LastIndexOf(unit, StringComparison.Ordinal) + unit.Length);
                }
            }
        }
        else
        {
            foreach (Match word in LatinWord().Matches(text))
            {
                if (shared.Contains(word.Value))
                {
                    first = Math.Min(first, word.Index);
                    last = Math.Max(last, word.Index + word.Length);
                }
            }
        }

        return last >= 0 && Negations(clause).Any(n => n.End >= first - 1 && n.Start <= last);
    }

    /// <summary>What a clause says, as a set: Chinese character pairs, or English words less stop words and negations.</summary>
    private HashSet<string> Units(string clause)
    {
        var units = new HashSet<string>(StringComparer.Ordinal);
        if (HasCjk(clause))
        {
            char previous = '\0';
            foreach (var c in clause)
            {
                if (char.IsWhiteSpace(c))
                {
                    continue;
                }

                var kept = IsCjk(c) || char.IsAsciiLetterOrDigit(c) ? c : '\0';
                if (kept != '\0' && previous != '\0')
                {
                    units.Add(string.Concat(previous, kept));
                }

                previous = kept;
            }

            return units;
        }

        foreach (Match word in LatinWord().Matches(Normalize(clause)))
        {
            if (!_stopWords.Contains(word.Value) && !_latinNegations.Contains(word.Value) && !word.Value.EndsWith("n't", StringComparison.Ordinal))
            {
                units.Add(word.Value);
            }
        }

        return units;
    }

    /// <summary>Chinese words anywhere; Latin words and phrases as whole words, ignoring case.</summary>
    private static bool Contains(string text, string word)
    {
        if (HasCjk(word))
        {
            return text.Contains(word, StringComparison.Ordinal);
        }

        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string text) => text.Replace('\u2019', '\'').ToLowerInvariant();

    private static bool HasCjk(string text) => text.AsSpan().IndexOfAnyInRange('\u4e00', '\u9fff') >= 0;

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';

    // Clauses end at Chinese and Western punctuation (not the colon of "9:00" or the dot of "1.5"),
    // and before a subordinating word, which starts a condition of its own.
    [GeneratedRegex(@"[，,；;：。！？!?\n]|:(?!\d)|(?<=[A-Za-z)])\.(?=\s|$)|\s(?=(?:if|unless|because|but|so)\s)|(?=如果|若|因为|除非|但)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ClauseBreak();

    // Words with their contraction ("can't") and hyphenated compounds as one ("no-reason", "in-ear"),
    // so the "no" of "no-reason" is no negation.
    [GeneratedRegex(@"[a-z0-9]+(?:['-][a-z0-9]+)*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LatinWord();
}
