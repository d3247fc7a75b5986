using System.Globalization;
using ServiceBot.SensitiveWords.Matching;
using ServiceBot.SensitiveWords.WordLists;

namespace ServiceBot.Benchmarks.Filter;

/// <summary>
/// Recall of the sensitive-word matcher on the generated evasion set (bench/filter/make_evasions.py)
/// and how many ordinary messages the same lexicon flags (faq-zh-bq, Chinese chit-chat), plus the
/// same false-positive count for the shop bot's own lists. With an allow-list (bench/filter/make_allowlist.py)
/// the lexicon's ordinary words stop firing; recall is then also given over the entries the allow-list
/// leaves active, since an allowed word is not meant to be caught.
/// </summary>
internal static class RejectorEvaluation
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: rejector-eval PATTERNS EVASIONS [SHARED_DATA] [ALLOW_LIST]");
            return 2;
        }

        var data = EvaluationData.SharedData(args.Length > 2 ? args[2] : null);
        var allowFile = args.Length > 3 ? args[3] : null;
        List<WordListSource> sources = [new WordListSource(args[0], "lexicon")];
        if (allowFile is not null)
        {
            sources.Add(new WordListSource(allowFile, "allow", IsAllowList: true));
        }

        var matcher = SensitiveWordMatcher.Load(sources);
        var folding = VariantFolding.Default;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lexicon: {matcher.EntryCount} patterns ({matcher.Report.Duplicates} duplicates after folding, {matcher.Report.Skipped} skipped); allow-list: {allowFile ?? "none"}; traditional folding: {(folding.FoldsTraditional ? "on" : "off (OpenCC missing)")}."));
        Console.WriteLine();
        Console.WriteLine("| evasion kind | messages | detected (recall) |");
        Console.WriteLine("|---|---:|---:|");
        var byKind = new SortedDictionary<string, (int Total, int Hit)>(StringComparer.Ordinal);
        var verbose = Environment.GetEnvironmentVariable("EVAL_VERBOSE") == "missed";
        var allowed = allowFile is null ? [] : File.ReadLines(allowFile).Select(w => folding.FoldKey(w)).ToHashSet(StringComparer.Ordinal);
        var allowedEvasions = 0;
        foreach (var line in File.ReadLines(args[1]))
        {
            var fields = line.Split('\t');
            if (fields.Length != 3)
            {
                continue;
            }

            var key = folding.FoldKey(fields[1]);
            if (allowed.Contains(key))
            {
                allowedEvasions++;
                continue;
            }

            var hit = matcher.Find(fields[2]).Any(m => folding.FoldKey(m.Word) == key);
            var (total, hits) = byKind.GetValueOrDefault(fields[0]);
            byKind[fields[0]] = (total + 1, hits + (hit ? 1 : 0));
            if (verbose && !hit)
            {
                Console.Error.WriteLine($"MISSED [{fields[0]}] {fields[1]} :: {fields[2]}");
            }
        }

        int all = 0, allHit = 0, noTrad = 0, noTradHit = 0;
        foreach (var (kind, (total, hit)) in byKind)
        {
            Console.WriteLine($"| {kind} | {total} | {EvaluationData.Percent(hit, total)} |");
            all += total;
            allHit += hit;
            if (kind != "traditional")
            {
                noTrad += total;
                noTradHit += hit;
            }
        }

        Console.WriteLine($"| **all** | {all} | {EvaluationData.Percent(allHit, all)} |");
        Console.WriteLine($"| all but traditional | {noTrad} | {EvaluationData.Percent(noTradHit, noTrad)} |");
        if (allowedEvasions > 0)
        {
            Console.WriteLine($"| (left out: the word itself is allow-listed) | {allowedEvasions} | |");
        }

        Console.WriteLine();

        var shop = SensitiveWordMatcher.Load(
        [
            new WordListSource(Path.Combine(EvaluationData.RepositoryRoot(), "bots/shop/words/abuse.txt"), "abuse"),
            new WordListSource(Path.Combine(EvaluationData.RepositoryRoot(), "bots/shop/words/fraud.txt"), "fraud"),
            new WordListSource(Path.Combine(EvaluationData.RepositoryRoot(), "bots/shop/words/competitors.txt"), "competitor"),
            new WordListSource(Path.Combine(EvaluationData.RepositoryRoot(), "bots/shop/words/allow.txt"), "allow", IsAllowList: true),
        ]);
        Console.WriteLine("| ordinary messages | messages | flagged by the 10k+ lexicon | flagged by the shop's lists (with allow-list) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, texts) in new (string, IEnumerable<string>)[]
        {
            ("faq-zh-bq questions and queries", EvaluationData.BqQuestions(data)),
            ("Chinese chit-chat (ChatterBot, Dialogflow zh-CN)", EvaluationData.ChitChatZh(data)),
        })
        {
            int total = 0, lexiconHits = 0, shopHits = 0;
            foreach (var text in texts)
            {
                total++;
                var found = matcher.Find(text);
                lexiconHits += found.Count > 0 ? 1 : 0;
                if (Environment.GetEnvironmentVariable("EVAL_VERBOSE") == "flagged" && found.Count > 0)
                {
                    Console.Error.WriteLine($"FLAGGED [{string.Join(",", found.Select(m => m.Word))}] {text}");
                }

                shopHits += shop.Contains(text) ? 1 : 0;
            }

            Console.WriteLine($"| {name} | {total} | {lexiconHits} ({EvaluationData.Percent(lexiconHits, total)}) | {shopHits} ({EvaluationData.Percent(shopHits, total)}) |");
        }

        return 0;
    }
}
