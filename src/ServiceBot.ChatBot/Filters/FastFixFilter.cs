using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot.Filters;

/// <summary>
/// Operator fast-fix rules: a data file of phrases a reply must not contain (forbidden promises, a
/// wrong fact the model keeps repeating) with what to do about them. The file is re-read when it
/// changes, without a restart; a broken edit is logged and the previous rules stay in force.
/// </summary>
/// <remarks>Thread-safe: rule sets are immutable and swapped atomically per file.</remarks>
internal sealed partial class FastFixFilter(ChatBotContentCache contents, IOptions<ChatBotOptions> options, TimeProvider time, ILogger<FastFixFilter> logger) : IReplyFilter
{
    private readonly ConcurrentDictionary<string, Loaded> _files = new(StringComparer.Ordinal);

    public string Name => "fastfix";

    public ReplyFilterScope Scope => ReplyFilterScope.All;

    public ValueTask<ReplyFilterResult> CheckAsync(TurnContext turn, Activity reply, string text, CancellationToken cancellationToken)
    {
        var content = contents.Get(turn.Bot);
        if (content.FastFixPath is null)
        {
            return ValueTask.FromResult(ReplyFilterResult.Pass(text));
        }

        var generated = turn.IsGenerated || turn.Features.Get<GroundingContext>() is not null;
        var current = text;
        var fired = new List<string>();
        foreach (var (rule, regex) in Rules(content.FastFixPath).Rules)
        {
            if (rule.GeneratedOnly && !generated)
            {
                continue;
            }

            Match match;
            try
            {
                match = regex.Match(current);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (!match.Success)
            {
                continue;
            }

            fired.Add(rule.Id);
            switch (rule.Action)
            {
                case "block":
                    return ValueTask.FromResult(ReplyFilterResult.Blocked(text, "fastfix:" + rule.Id));
                case "replace":
                    current = regex.Replace(current, rule.With!.Pick(turn.Locale));
                    break;
                default:
                    current = RemoveSentences(current, regex);
                    if (!SentenceSplitter.HasContent(current))
                    {
                        return ValueTask.FromResult(ReplyFilterResult.Blocked(text, "fastfix:" + rule.Id));
                    }

                    break;
            }
        }

        return ValueTask.FromResult(fired.Count == 0
            ? ReplyFilterResult.Pass(text)
            : ReplyFilterResult.Repaired(current.Trim(), "fastfix:" + string.Join(",", fired)));
    }

    /// <summary>The file's rules, re-read when its timestamp or size changed (checked at most once per interval).</summary>
    internal FastFixRuleSet Rules(string path)
    {
        var now = time.GetUtcNow();
        if (_files.TryGetValue(path, out var loaded) && now < loaded.NextCheck)
        {
            return loaded.Rules;
        }

        var info = new FileInfo(path);
        var stamp = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
        var next = now + options.Value.FastFixReloadInterval;
        if (loaded is not null && loaded.Stamp == stamp)
        {
            _files[path] = loaded with { NextCheck = next };
            return loaded.Rules;
        }

        try
        {
            var rules = FastFixRuleSet.Load(path);
            _files[path] = new Loaded(rules, stamp, next);
            if (loaded is not null)
            {
                LogReloaded(logger, path, rules.Rules.Count);
            }

            return rules;
        }
        catch (BotDefinitionException e)
        {
            LogReloadFailed(logger, e.Message);
            var keep = loaded?.Rules ?? FastFixRuleSet.Empty;
            _files[path] = new Loaded(keep, stamp, next);
            return keep;
        }
    }

    private static string RemoveSentences(string text, Regex regex)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var (start, length) in SentenceSplitter.Split(text))
        {
            var sentence = text.Substring(start, length);
            if (!regex.IsMatch(sentence))
            {
                kept.Append(sentence);
            }
        }

        return kept.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fast-fix rules reloaded from {Path}: {Count} rule(s).")]
    private static partial void LogReloaded(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fast-fix rules not reloaded, the previous rules stay in force: {Problem}")]
    private static partial void LogReloadFailed(ILogger logger, string problem);

    private sealed record Loaded(FastFixRuleSet Rules, (DateTime, long) Stamp, DateTimeOffset NextCheck);
}
