namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>
/// What the sources of a reply (the passages it was grounded on, what the customer said, what the bot
/// always may say) state, indexed so that each fact of the reply is checked in constant or small time.
/// </summary>
/// <remarks>Immutable once built; safe to share across the filters of one turn.</remarks>
internal sealed class FactIndex
{
    // Durations written in different units ("24小时" and "一天", "一年" and "12个月") compare within 2%.
    private const double DurationTolerance = 0.02;

    private readonly Dictionary<FactKind, List<Fact>> _byKind = [];
    private readonly List<Fact> _customerAmounts = [];
    private readonly List<Fact> _customerTimes = [];
    private readonly HashSet<double> _surface = [];
    private readonly HashSet<double> _plain = [];
    private readonly HashSet<(string Key, double Value)> _counts = [];
    private readonly List<Fact[]> _sentences = [];
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> _identifiers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _latinWords = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _phones = [];
    private readonly List<string> _urls = [];
    private readonly ValueTables _tables = new();
    private readonly string _text;

    private FactIndex(string text) => _text = text;

    /// <summary>Indexes <paramref name="sources"/> with the facts <paramref name="extractor"/> finds in them.</summary>
    /// <param name="sources">Everything the reply may rely on.</param>
    /// <param name="extractor">The bot's fact extractor.</param>
    /// <param name="customerCount">How many of the first <paramref name="sources"/> the customer said: the figures arithmetic may start from.</param>
    public static FactIndex Build(IReadOnlyList<string> sources, FactExtractor extractor, int customerCount = 0)
    {
        var folded = sources.Select((s, i) => (Text: FactExtractor.Fold(s), Customer: i < customerCount)).Where(s => s.Text.Length > 0).ToList();
        var index = new FactIndex(string.Join("\n", folded.Select(s => s.Text)));
        foreach (var (source, customer) in folded)
        {
            var facts = extractor.Extract(source);
            if (customer)
            {
                index._customerAmounts.AddRange(facts.Where(f => f.Kind == FactKind.Amount && f.Low == f.High && f.Low > 0));
                index._customerTimes.AddRange(facts.Where(f => f.Kind == FactKind.Time));
            }

            foreach (var fact in facts)
            {
                index.Add(fact);
            }

            foreach (var (start, length) in SentenceSplitter.Split(source))
            {
                index._tables.AddSentence(source, start, length, facts);
                var inSentence = facts.Where(f => f.Start >= start && f.Start < start + length && f.Kind is FactKind.Amount or FactKind.Count).ToArray();
                if (inSentence.Length >= 2)
                {
                    index._sentences.Add(inSentence);
                }
            }

            foreach (System.Text.RegularExpressions.Match word in FactPatterns.LatinWord().Matches(source))
            {
                index._latinWords.Add(word.Value);
                index._latinWords.Add(word.Value.TrimEnd('+'));
                foreach (var part in word.Value.Split(['-', '.', '\'', '&', '+'], StringSplitOptions.RemoveEmptyEntries))
                {
                    index._latinWords.Add(part);
                }
            }
        }

        return index;
    }

    private void Add(Fact fact)
    {
        if (!_byKind.TryGetValue(fact.Kind, out var list))
        {
            _byKind[fact.Kind] = list = [];
        }

        list.Add(fact);
        switch (fact.Kind)
        {
            case FactKind.Phone:
                _phones.Add(fact.Key!);
                break;
            case FactKind.Email:
                _emails.Add(fact.Key!);
                break;
            case FactKind.Url:
                _urls.Add(fact.Key!);
                break;
            case FactKind.Identifier:
                _identifiers.Add(fact.Key!);
                break;
            case FactKind.Count:
                foreach (var value in fact.Surface)
                {
                    _counts.Add((fact.Key!, value));
                }

                break;
        }

        foreach (var value in fact.Surface)
        {
            _surface.Add(value);
            if (fact.IsLenient)
            {
                _plain.Add(value);
            }
        }
    }

    /// <summary>The times the customer gave ("I ordered at 9:15"): where a reply's "until 11:15" may start from.</summary>
    public IReadOnlyList<Fact> CustomerTimes => _customerTimes;

    /// <summary>Every duration the sources and the customer state.</summary>
    public IReadOnlyList<Fact> Durations => _byKind.GetValueOrDefault(FactKind.Duration) ?? [];

    /// <summary>True when the sources state <paramref name="fact"/>.</summary>
    public bool Supports(Fact fact) => fact.Kind switch
    {
        FactKind.Amount => Typed(fact).Any(f => f.Key == fact.Key && Near(f.Low, fact.Low)) || (fact.Key == "CNY" && fact.Surface.All(_plain.Contains)),
        FactKind.Percent or FactKind.Discount or FactKind.Multiplier => Typed(fact).Any(f => Near(f.Low, fact.Low)),
        FactKind.Duration => SupportsDuration(fact),
        FactKind.Time => Typed(fact).Any(f => Near(f.Low, fact.Low) || Near(f.Low, fact.High) || Near(f.High, fact.Low) || Near(f.High, fact.High)),
        FactKind.Date => Typed(fact).Any(f => DatesAgree(f.Key!, fact.Key!)),
        FactKind.Count => fact.Surface.All(v => v <= 1 || _counts.Contains((fact.Key!, v))),
        FactKind.Number => fact.Surface.All(v => v <= 1 || _surface.Contains(v)),
        FactKind.Phone => _phones.Any(p => PhonesAgree(p, fact.Key!)),
        FactKind.Email => _emails.Contains(fact.Key!),
        FactKind.Url => _urls.Any(u => UrlsAgree(u, fact.Key!)),
        FactKind.Identifier => _identifiers.Contains(fact.Key!) || _text.Contains(fact.Key!, StringComparison.OrdinalIgnoreCase),
        FactKind.Name => SupportsName(fact.Key!),
        _ => false,
    };

    /// <summary>
    /// The reply's facts the sources state by value but a source table gives to another item than the
    /// reply does ("平板电脑补贴¥100" against "手机¥100，平板电脑和智能手表¥50"), each with the item.
    /// </summary>
    public IEnumerable<(Fact Fact, string Item)> Misattributed(string reply, IReadOnlyList<Fact> replyFacts, IEnumerable<Fact> supported) =>
        _tables.Misattributed(reply, replyFacts, supported);

    /// <summary>
    /// True when <paramref name="fact"/> scales a rate the sources state by the same factor as another
    /// fact of its sentence: "1000积分抵10元" from "100积分抵¥1", "500 points take ¥5 off" from
    /// "100 points = ¥1". Both sides must be of the same kind and unit, in one source sentence.
    /// </summary>
    public bool SupportsByProportion(Fact fact, IEnumerable<Fact> sentenceFacts)
    {
        if (fact.Kind is not (FactKind.Amount or FactKind.Count) || fact.Low != fact.High)
        {
            return false;
        }

        foreach (var other in sentenceFacts)
        {
            if (ReferenceEquals(other, fact) || other.Kind is not (FactKind.Amount or FactKind.Count) || other.Low != other.High)
            {
                continue;
            }

            foreach (var sentence in _sentences)
            {
                foreach (var rate in sentence)
                {
                    if (!SameUnit(rate, fact) || rate.Low == 0)
                    {
                        continue;
                    }

                    // A factor of 1 is the rate itself, which Supports already answered.
                    var factor = fact.Low / rate.Low;
                    if (!Near(factor, 1) && sentence.Any(b => !ReferenceEquals(b, rate) && SameUnit(b, other) && b.Low != 0 && Near(other.Low / b.Low, factor)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when the amount <paramref name="fact"/> is one step of arithmetic on a figure the customer
    /// gave: what is left to a threshold (¥99 − the customer's ¥85), a total (¥85 + ¥8), the price
    /// after a stated discount (the customer's ¥20,000 at 98折, ¥2,000 less 5 %) or the saving. Sums
    /// and differences of the sources' own figures are not accepted: "¥10" is not supported because
    /// ¥18 − ¥8 happens to make it.
    /// </summary>
    public bool SupportsByArithmetic(Fact fact)
    {
        if (fact.Kind != FactKind.Amount || fact.Low != fact.High || fact.Low <= 0 || _customerAmounts.Count == 0)
        {
            return false;
        }

        var value = fact.Low;
        var given = _customerAmounts.Where(c => c.Key == fact.Key).Select(c => c.Low).Distinct().ToArray();
        var amounts = Typed(fact).Where(a => a.Key == fact.Key && a.Low == a.High && a.Low > 0).Select(a => a.Low).Distinct().ToArray();
        foreach (var c in given)
        {
            if (Array.Exists(amounts, a => !Near(a, c) && (Near(Math.Abs(a - c), value) || Near(a + c, value))))
            {
                return true;
            }
        }

        var rates = new List<double>();
        foreach (var discount in _byKind.GetValueOrDefault(FactKind.Discount) ?? [])
        {
            rates.Add(discount.Low / 10);
            rates.Add(1 - (discount.Low / 10));
        }

        foreach (var percent in _byKind.GetValueOrDefault(FactKind.Percent) ?? [])
        {
            rates.Add(percent.Low / 100);
            rates.Add(1 - (percent.Low / 100));
        }

        return rates.Exists(r => r > 0 && Array.Exists(given, c => Near(c * r, value)));
    }

    private static bool SameUnit(Fact a, Fact b) => a.Kind == b.Kind && a.Key == b.Key && a.Low == a.High;

    private List<Fact> Typed(Fact fact) => _byKind.TryGetValue(fact.Kind, out var list) ? list : [];

    /// <summary>Equal up to rounding: ¥9.9 × 3 is ¥29.7.</summary>
    internal static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a));

    private static bool NearDuration(double a, double b) => Math.Abs(a - b) <= DurationTolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    // Every end of a reply's duration must be an end of some duration in the sources: "3个工作日内"
    // is supported by "1–3个工作日", "2–3 days" is not by "2–5 days".
    // A working day is not 24 hours: a source in working days supports only days in the reply.
    private bool SupportsDuration(Fact fact)
    {
        var durations = Typed(fact).Where(f => SameClock(f.Key, fact.Key)).ToList();
        return durations.Any(f => NearDuration(f.Low, fact.Low) || NearDuration(f.High, fact.Low))
            && durations.Any(f => NearDuration(f.Low, fact.High) || NearDuration(f.High, fact.High));
    }

    private static bool SameClock(string? source, string? reply) =>
        source == reply
        || (source != FactExtractor.WorkingDays && reply != FactExtractor.WorkingDays)
        || (source is FactExtractor.WorkingDays && reply is FactExtractor.Days)
        || (source is FactExtractor.Days && reply is FactExtractor.WorkingDays);

    // year|month|day: parts both sides state must agree; a day of the month needs the same day.
    private static bool DatesAgree(string source, string reply)
    {
        var s = source.Split('|');
        var r = reply.Split('|');
        for (var i = 0; i < 3; i++)
        {
            if (r[i].Length > 0 && s[i].Length > 0 && r[i] != s[i])
            {
                return false;
            }

            if (r[i].Length > 0 && s[i].Length == 0 && i > 0)
            {
                // The reply is more specific than the source ("12月31日" against "12月").
                return false;
            }
        }

        return true;
    }

    private static bool PhonesAgree(string source, string reply) =>
        source == reply || (Math.Min(source.Length, reply.Length) >= 7 && (source.EndsWith(reply, StringComparison.Ordinal) || reply.EndsWith(source, StringComparison.Ordinal)));

    // The reply may name a page the sources link to, or the site of one; not a page of its own making.
    private static bool UrlsAgree(string source, string reply) =>
        source == reply || source.StartsWith(reply + "/", StringComparison.Ordinal) || (!reply.Contains('/', StringComparison.Ordinal) && source.StartsWith(reply, StringComparison.Ordinal));

    private bool SupportsName(string key)
    {
        var parts = key.Split('|');
        switch (parts[0])
        {
            case "word":
                return _latinWords.Contains(parts[1]);
            case "name":
                return _text.Contains(parts[1], StringComparison.OrdinalIgnoreCase);
            case "brand":
                return SupportsBrand(parts[1], parts[2]);
            case "org":
                var name = parts[2];
                for (var start = 0; name.Length - start - parts[1].Length >= 2; start++)
                {
                    if (_text.Contains(name[start..], StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    // 鹿鸣商城的 is supported by a source's 鹿鸣商城网站 (two characters past the brand agree);
    // 鹿鸣智能音箱 is not.
    private bool SupportsBrand(string brand, string name)
    {
        for (var at = _text.IndexOf(brand, StringComparison.OrdinalIgnoreCase); at >= 0; at = _text.IndexOf(brand, at + brand.Length, StringComparison.OrdinalIgnoreCase))
        {
            var end = FactExtractor.BrandRunEnd(_text, at + brand.Length);
            var common = 0;
            while (common < name.Length && at + common < end && char.ToLowerInvariant(_text[at + common]) == char.ToLowerInvariant(name[common]))
            {
                common++;
            }

            if (common >= Math.Min(name.Length, brand.Length + 2))
            {
                return true;
            }
        }

        return false;
    }
}
