using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Content;
using ServiceBot.ChatBot.Filters;
using ServiceBot.ChatBot.Llm;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace ServiceBot.ChatBot.Generation;

/// <summary>
/// Retrieval-augmented generation for one turn: optional query rewriting (and HyDE), knowledge
/// retrieval, the grounded prompt from the bot's prompt files, the model call (streamed sentence by
/// sentence through the reply filters when the channel streams), citations and token accounting.
/// </summary>
/// <remarks>
/// Never throws for model failures: they end as <see cref="GenerationResult.None"/> with the reason, so
/// the responder falls back. Caller cancellation propagates. Thread-safe (no per-turn state in fields).
/// </remarks>
internal sealed partial class GroundedGenerator(
    ChatBotLlm llm,
    ChatBotContentCache contents,
    IEnumerable<IReplyFilter> filters,
    ILogger<GroundedGenerator> logger,
    IKnowledgeRetriever? retriever = null)
{
    private readonly IReplyFilter[] _filters = [.. filters];

    public bool IsAvailable => llm.Client is not null;

    public async ValueTask<IReadOnlyList<RetrievedPassage>> RetrieveAsync(TurnContext turn, ChatBotContent content, AnalyzedUtterance query, CancellationToken cancellationToken) =>
        retriever is null
            ? []
            : await retriever.RetrieveAsync(turn.Bot, query, content.Settings.Generation.Passages, cancellationToken).ConfigureAwait(false);

    public async ValueTask<GenerationResult> GenerateAsync(TurnContext turn, ChatBotContent content, AnalyzedUtterance utterance, CancellationToken cancellationToken)
    {
        var client = llm.Client;
        var settings = content.Settings.Generation;
        if (client is null)
        {
            return GenerationResult.None("no-llm");
        }

        var step = turn.Trace.Current;
        var query = utterance;
        var rewritten = await RewriteAsync(turn, content, client, cancellationToken).ConfigureAwait(false);
        if (rewritten is not null)
        {
            query = contents.Analyzer.Analyze(rewritten);
            step?.Note("rewritten", true);
        }

        if (settings.Hyde && content.Prompts.Has(PromptSet.Hyde, turn.Locale))
        {
            var hypothetical = await AuxiliaryAsync(turn, content, client, PromptSet.Hyde, query.Original, cancellationToken).ConfigureAwait(false);
            if (hypothetical is not null)
            {
                query = contents.Analyzer.Analyze(query.Original + "\n" + hypothetical);
                step?.Note("hyde", true);
            }
        }

        var passages = await RetrieveAsync(turn, content, query, cancellationToken).ConfigureAwait(false);
        step?.Note("passages", passages.Select(p => p.SourceId).ToList());
        if (passages.Count == 0 && !settings.AnswerWithoutContext)
        {
            return GenerationResult.None("no-context");
        }

        turn.Features.Set(new GroundingContext(passages));
        var messages = BuildMessages(turn, content, passages);
        var options = new ChatOptions
        {
            MaxOutputTokens = settings.MaxOutputTokens,
            Temperature = (float)settings.Temperature,
        };

        var citations = new Citations(passages);
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (settings.Stream && turn.Stream is { SupportsStreaming: true } stream)
            {
                return await StreamAsync(turn, content, client, messages, options, citations, stream, started, cancellationToken).ConfigureAwait(false);
            }

            var response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            Account(turn, response.Usage, response.AdditionalProperties, response.ModelId, started, null);
            var text = citations.Number(response.Text).Trim();
            if (!SentenceSplitter.HasContent(text))
            {
                return GenerationResult.None("empty-generation");
            }

            return new GenerationResult(Finish(turn, content, text, citations), "generated");
        }
        catch (LlmUnavailableException e)
        {
            LogModelFailed(logger, e.Failure, e.Attempts, e.Message);
            step?.Note("llm-failure", e.Failure.ToString());
            step?.Note("llm-attempts", e.Attempts);
            return GenerationResult.None("llm-" + e.Failure.ToString().ToLowerInvariant());
        }
    }

    private async ValueTask<GenerationResult> StreamAsync(
        TurnContext turn,
        ChatBotContent content,
        IChatClient client,
        List<ChatMessage> messages,
        ChatOptions options,
        Citations citations,
        IReplyStream stream,
        long started,
        CancellationToken cancellationToken)
    {
        var streamId = turn.TurnId;
        var template = turn.CreateReply("");
        var pending = new StringBuilder();
        var sent = new StringBuilder();
        UsageDetails? usage = null;
        AdditionalPropertiesDictionary? properties = null;
        string? model = null;
        double? firstTokenMs = null;

        await stream.SendTypingAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            properties ??= update.AdditionalProperties;
            model ??= update.ModelId;
            foreach (var usageContent in update.Contents.OfType<UsageContent>())
            {
                usage = usageContent.Details;
            }

            if (update.Text.Length == 0)
            {
                continue;
            }

            firstTokenMs ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            pending.Append(update.Text);
            while (true)
            {
                var end = SentenceSplitter.NextEnd(pending.ToString(), 0, complete: false);
                if (end <= 0)
                {
                    break;
                }

                var sentence = pending.ToString(0, end);
                pending.Remove(0, end);
                var checkedText = await CheckSentenceAsync(turn, template, citations.Number(sentence), cancellationToken).ConfigureAwait(false);
                if (checkedText is null)
                {
                    Account(turn, usage, properties, model, started, firstTokenMs);
                    turn.Trace.Current?.Note("stream-blocked", true);
                    return GenerationResult.None("stream-blocked");
                }

                sent.Append(checkedText);
                await stream.AppendAsync(streamId, checkedText, template, cancellationToken).ConfigureAwait(false);
            }
        }

        if (pending.Length > 0)
        {
            var checkedText = await CheckSentenceAsync(turn, template, citations.Number(pending.ToString()), cancellationToken).ConfigureAwait(false);
            if (checkedText is null)
            {
                Account(turn, usage, properties, model, started, firstTokenMs);
                return GenerationResult.None("stream-blocked");
            }

            sent.Append(checkedText);
            await stream.AppendAsync(streamId, checkedText, template, cancellationToken).ConfigureAwait(false);
        }

        Account(turn, usage, properties, model, started, firstTokenMs);
        var text = sent.ToString().Trim();
        return SentenceSplitter.HasContent(text)
            ? new GenerationResult(Finish(turn, content, text, citations), "generated", Streamed: true)
            : GenerationResult.None("empty-generation");
    }

    /// <summary>Runs the generated-reply filters on one sentence; null when one blocks it.</summary>
    private async ValueTask<string?> CheckSentenceAsync(TurnContext turn, Activity template, string sentence, CancellationToken cancellationToken)
    {
        var text = sentence;
        foreach (var filter in _filters)
        {
            var result = await filter.CheckAsync(turn, template, text, cancellationToken).ConfigureAwait(false);
            if (result.Verdict == ReplyVerdict.Blocked)
            {
                turn.Trace.Current?.Note("stream-filter", filter.Name + ": " + result.Reason);
                return null;
            }

            text = result.Text;
        }

        return text;
    }

    private static Activity Finish(TurnContext turn, ChatBotContent content, string text, Citations citations)
    {
        var body = text;
        if (string.Equals(content.Settings.Generation.Citations, "footnotes", StringComparison.OrdinalIgnoreCase))
        {
            body += citations.Footnotes(content.Replies.Text(ChatBotReplies.SourcesHeading, turn.Locale));
        }

        turn.Trace.Current?.Note("cited", citations.Used.Select(p => p.SourceId).ToList());
        return turn.CreateReply(body);
    }

    private List<ChatMessage> BuildMessages(TurnContext turn, ChatBotContent content, IReadOnlyList<RetrievedPassage> passages)
    {
        var settings = content.Settings.Generation;

        // A rough budget (about 1.5 characters per token for mixed Chinese and English) keeps long
        // passages from pushing the question out of the model's window.
        var budget = settings.MaxPromptTokens * 3 / 2;
        var context = new StringBuilder();
        foreach (var passage in passages)
        {
            var block = "[" + passage.SourceId + "] " + passage.Title + "\n" + passage.Text.Trim() + "\n\n";
            if (context.Length + block.Length > budget && context.Length > 0)
            {
                break;
            }

            context.Append(block);
        }

        var history = new StringBuilder();
        foreach (var recent in turn.State.RecentTurns.TakeLast(settings.HistoryTurns))
        {
            history.Append("- ").Append(recent.UserText).Append('\n');
            if (!string.IsNullOrEmpty(recent.ReplyText))
            {
                history.Append("  → ").Append(recent.ReplyText).Append('\n');
            }
        }

        var values = Values(turn, content);
        values["passages"] = context.ToString().Trim();
        values["history"] = history.ToString().Trim();
        values["question"] = turn.Text;
        var system = content.Prompts.Render(PromptSet.Answer, turn.Locale, values);
        logger.LogDebug("Grounded prompt with {Passages} passages, {Chars} characters.", passages.Count, system.Length);
        return [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, turn.Text)];
    }

    private static Dictionary<string, string> Values(TurnContext turn, ChatBotContent content)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bot.name"] = turn.Bot.Name,
            ["today"] = turn.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["locale"] = turn.Locale,
        };
        foreach (var key in content.Persona.Values.Keys)
        {
            values["persona." + key] = content.Persona.Get(key, turn.Locale) ?? "";
        }

        return values;
    }

    /// <summary>Rewrites a follow-up ("那运费呢") into a standalone question using the recent turns.</summary>
    private async ValueTask<string?> RewriteAsync(TurnContext turn, ChatBotContent content, IChatClient client, CancellationToken cancellationToken)
    {
        var settings = content.Settings.Generation;
        if (!string.Equals(settings.Rewrite, "llm", StringComparison.OrdinalIgnoreCase)
            || turn.State.RecentTurns.Count == 0
            || !content.Prompts.Has(PromptSet.Rewrite, turn.Locale))
        {
            return null;
        }

        return await AuxiliaryAsync(turn, content, client, PromptSet.Rewrite, turn.Text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A short, bounded helper call (rewrite, HyDE); any failure means "do without".</summary>
    private async ValueTask<string?> AuxiliaryAsync(TurnContext turn, ChatBotContent content, IChatClient client, string prompt, string input, CancellationToken cancellationToken)
    {
        var settings = content.Settings.Generation;
        var values = Values(turn, content);
        var history = new StringBuilder();
        foreach (var recent in turn.State.RecentTurns.TakeLast(settings.HistoryTurns))
        {
            history.Append("- ").Append(recent.UserText).Append('\n');
        }

        values["history"] = history.ToString().Trim();
        values["question"] = input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RewriteTimeout);
        try
        {
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, content.Prompts.Render(prompt, turn.Locale, values)), new ChatMessage(ChatRole.User, input)],
                new ChatOptions { MaxOutputTokens = 120, Temperature = 0 },
                timeout.Token).ConfigureAwait(false);
            var text = response.Text.Trim();
            AddTokens(turn, response.Usage);
            return SentenceSplitter.HasContent(text) ? text : null;
        }
        catch (Exception e) when (e is LlmUnavailableException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            turn.Trace.Current?.Note(prompt + "-failed", true);
            return null;
        }
    }

    private void Account(TurnContext turn, UsageDetails? usage, AdditionalPropertiesDictionary? properties, string? model, long started, double? firstTokenMs)
    {
        var step = turn.Trace.Current;
        if (step is null)
        {
            return;
        }

        step.Note("model", model ?? llm.Options.Model);
        step.Note("llm-ms", Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
        if (firstTokenMs is { } first)
        {
            step.Note("first-token-ms", Math.Round(first, 1));
        }

        if (properties?.TryGetValue(ResilientChatClient.AttemptsProperty, out var attempts) == true)
        {
            step.Note("llm-attempts", attempts);
        }

        AddTokens(turn, usage);
    }

    private void AddTokens(TurnContext turn, UsageDetails? usage)
    {
        var step = turn.Trace.Current;
        if (step is null || usage is null)
        {
            return;
        }

        var input = (step.Notes?.GetValueOrDefault("prompt-tokens") as long? ?? 0) + (usage.InputTokenCount ?? 0);
        var output = (step.Notes?.GetValueOrDefault("completion-tokens") as long? ?? 0) + (usage.OutputTokenCount ?? 0);
        step.Note("prompt-tokens", input);
        step.Note("completion-tokens", output);
        var cost = ((decimal)input * llm.Options.InputCostPer1K / 1000) + ((decimal)output * llm.Options.OutputCostPer1K / 1000);
        if (cost > 0)
        {
            step.Note("cost", Math.Round(cost, 6));
        }

        step.Note("llm-calls", (step.Notes?.GetValueOrDefault("llm-calls") as int? ?? 0) + 1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generation fell back: the model call failed ({Failure}) after {Attempts} attempt(s): {Detail}")]
    private static partial void LogModelFailed(ILogger logger, LlmFailure failure, int attempts, string detail);
}
