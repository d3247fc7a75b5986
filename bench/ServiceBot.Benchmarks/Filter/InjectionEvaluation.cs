using System.Globalization;
using ServiceBot.SensitiveWords.Injection;

namespace ServiceBot.Benchmarks.Filter;

/// <summary>
/// Detection and false-positive rates of the prompt-injection screen with its built-in rules:
/// <c>dotnet run -c Release --project bench/ServiceBot.Benchmarks -- injection-eval [SHARED_DATA] [THRESHOLD] [MAX_MODEL_CHARS]</c>.
/// </summary>
/// <remarks>
/// Attack sets are split in two by position: the "dev" half was read while the rules were written,
/// the "held-out" half was not, so both numbers are printed.
/// </remarks>
internal static class InjectionEvaluation
{
    public static int Run(string[] args)
    {
        var data = EvaluationData.SharedData(args.Length > 0 ? args[0] : null);
        var threshold = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.6;
        var maxModelChars = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
        var rules = InjectionRuleSet.Embedded;
        var verbose = Environment.GetEnvironmentVariable("EVAL_VERBOSE") is { Length: > 0 } v ? v : null;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Prompt-injection screen: {rules.Rules.Count} rules, threshold {threshold}, model limit {maxModelChars} characters (longer messages never reach a model)."));
        Console.WriteLine();
        Console.WriteLine("| attack set | split | messages | detected by rules | detected incl. length limit |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        var attacks = EvaluationData.TensorTrust(data).Concat(EvaluationData.GptFuzz(data))
            .Concat(EvaluationData.ChineseInjectionSet(EvaluationData.RepositoryRoot()).Where(x => x.Attack).Select(x => ("ServiceBot zh (project-written)", x.Text, false)));
        foreach (var group in attacks.GroupBy(a => (a.Item1, a.Item3)))
        {
            int total = 0, byRules = 0, withLength = 0;
            foreach (var (_, text, _) in group)
            {
                var assessment = PromptInjectionScreen.Assess(text, rules, maxModelChars);
                total++;
                byRules += assessment.Score >= threshold ? 1 : 0;
                withLength += assessment.Score >= threshold || assessment.OverLength ? 1 : 0;
                if (verbose == "missed" && assessment.Score < threshold && (group.Key.Item2 || group.Key.Item1.StartsWith("ServiceBot", StringComparison.Ordinal)))
                {
                    Console.Error.WriteLine($"MISSED [{group.Key.Item1}] {assessment.Score:F2} {string.Join(',', assessment.Fired)} :: {Shorten(text)}");
                }
            }

            var split = group.Key.Item1.StartsWith("ServiceBot", StringComparison.Ordinal) ? "all" : group.Key.Item2 ? "dev" : "held-out";
            Console.WriteLine($"| {group.Key.Item1} | {split} | {total} | {EvaluationData.Percent(byRules, total)} | {EvaluationData.Percent(withLength, total)} |");
        }

        Console.WriteLine();
        Console.WriteLine("| ordinary messages | messages | flagged (false positives) |");
        Console.WriteLine("|---|---:|---:|");
        var benign = new (string Name, IEnumerable<string> Texts)[]
        {
            ("faq-zh-bq questions and queries", EvaluationData.BqQuestions(data)),
            ("faq-zh-bq hard-negative pairs", EvaluationData.BqHardNegatives(data)),
            ("Chinese chit-chat (ChatterBot, Dialogflow zh-CN)", EvaluationData.ChitChatZh(data)),
            ("Banking77 + CLINC150 (en)", EvaluationData.EnglishQuestions(data)),
            ("English chit-chat (Dialogflow en)", EvaluationData.ChitChatEn(data)),
            ("ServiceBot zh benign look-alikes (project-written)", EvaluationData.ChineseInjectionSet(EvaluationData.RepositoryRoot()).Where(x => !x.Attack).Select(x => x.Text)),
        };
        foreach (var (name, texts) in benign)
        {
            int total = 0, flagged = 0;
            foreach (var text in texts)
            {
                total++;
                var assessment = PromptInjectionScreen.Assess(text, rules, maxModelChars);
                if (assessment.Score >= threshold || assessment.OverLength)
                {
                    flagged++;
                    if (verbose == "fp")
                    {
                        Console.Error.WriteLine($"FP [{name}] {assessment.Score:F2} {string.Join(',', assessment.Fired)} :: {Shorten(text)}");
                    }
                }
            }

            Console.WriteLine($"| {name} | {total} | {flagged} ({EvaluationData.Percent(flagged, total)}) |");
        }

        return 0;
    }

    private static string Shorten(string text)
    {
        var flat = text.Replace('\n', ' ');
        return flat.Length > 160 ? flat[..160] + "…" : flat;
    }
}
