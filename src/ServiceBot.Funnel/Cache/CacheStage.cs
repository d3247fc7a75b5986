using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Cache;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Funnel.Cache;

/// <summary>
/// The <c>cache</c> stage: answers high-frequency questions from <see cref="IAnswerCache"/>, by
/// exact key (<see cref="MessageKey"/>) or, for longer messages, by the most similar key (see
/// <see cref="NearDuplicateIndex"/>). An entry tied to an FAQ is served only while that FAQ still exists, is enabled and
/// has the version the entry was made from; a stale entry is removed. The stage steps aside while
/// a workflow is collecting slots, so "退货" as a slot answer never hits the cache.
/// </summary>
internal sealed class CacheStage(
    IAnswerCache cache,
    FunnelSettingsCache settingsCache,
    IEnumerable<IDialogResponder> dialogs,
    TimeProvider time,
    IOptions<FunnelOptions> options,
    HotAnswerCounter hot,
    IKnowledgeStore? knowledge = null) : ITurnStage
{
    private readonly IDialogResponder[] _dialogs = [.. dialogs.Distinct()];
    private readonly TimeSpan _indexLifetime = TimeSpan.FromSeconds(options.Value.CacheIndexSeconds);
    private readonly ConcurrentDictionary<string, NearDuplicateIndex> _indexes = new(StringComparer.Ordinal);

    public string Name => "cache";

    public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        var settings = settingsCache.For(turn.Bot).Cache;
        if (!settings.Enabled || turn.Activity.Type != ActivityTypes.Message || turn.Text.Length == 0)
        {
            await next(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var dialog in _dialogs)
        {
            if (dialog.HasActiveDialog(turn))
            {
                turn.Trace.Note("skipped", "active dialog");
                await next(turn, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        var key = MessageKey.Of(turn.Text);
        var entry = await FindAsync(turn, key, settings, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            // Held now: once next runs, the trace's current step is no longer this stage's.
            var step = turn.Trace.Current;
            await next(turn, cancellationToken).ConfigureAwait(false);
            await PromoteAsync(turn, key, settings, step, cancellationToken).ConfigureAwait(false);
            return;
        }

        var hits = await cache.RecordHitAsync(turn.Bot.Id, entry.Key, cancellationToken).ConfigureAwait(false);
        turn.Trace.Note("hits", hits);
        if (entry.FaqId is not null)
        {
            turn.Trace.Note("faq", entry.FaqId);
        }

        turn.Respond(Name, TurnOutcome.Answered, turn.CreateReply(entry.Answer));
    }

    /// <summary>
    /// After the later stages answered: counts an answer that depends on the message alone and, once
    /// the same FAQ answered the same message <see cref="CacheSettings.PromoteAfter"/> times, writes
    /// it to the cache as a promoted entry tied to that FAQ version.
    /// </summary>
    private async ValueTask PromoteAsync(TurnContext turn, string key, CacheSettings settings, TraceStep? step, CancellationToken cancellationToken)
    {
        if (settings.PromoteAfter <= 0
            || key.Length == 0
            || turn.Outcome != TurnOutcome.Answered
            || turn.HasSideEffects
            || turn.Features.Get<CacheableAnswer>() is not { } answer)
        {
            return;
        }

        var botId = turn.Bot.Id;
        if (hot.Add(botId, key, answer.FaqId, answer.FaqVersion) < settings.PromoteAfter)
        {
            return;
        }

        hot.Forget(botId, key);
        await cache.SetAsync(
            new CachedAnswer
            {
                BotId = botId,
                Key = key,
                Question = answer.Question,
                Answer = answer.Answer,
                FaqId = answer.FaqId,
                FaqVersion = answer.FaqVersion,
                Locale = answer.Locale,
                Source = "promoted",
                CreatedAt = turn.Now,
            },
            cancellationToken).ConfigureAwait(false);
        _indexes.TryRemove(botId, out _);
        step?.Note("promoted", answer.FaqId);
    }

    private async ValueTask<CachedAnswer?> FindAsync(TurnContext turn, string key, CacheSettings settings, CancellationToken cancellationToken)
    {
        if (key.Length == 0)
        {
            return null;
        }

        var botId = turn.Bot.Id;
        var entry = await cache.GetAsync(botId, key, cancellationToken).ConfigureAwait(false);
        if (entry is not null && IsUsable(entry, turn))
        {
            turn.Trace.Note("match", "exact");
        }
        else if (settings.NearDuplicates && key.Length >= settings.MinNearChars)
        {
            entry = null;
            var index = await IndexAsync(botId, cancellationToken).ConfigureAwait(false);
            if (index.Nearest(key, settings) is var (nearKey, similarity)
                && await cache.GetAsync(botId, nearKey, cancellationToken).ConfigureAwait(false) is { } near
                && IsUsable(near, turn))
            {
                turn.Trace.Note("match", "near");
                turn.Trace.Note("similarity", similarity);
                entry = near;
            }
        }
        else
        {
            entry = null;
        }

        if (entry is null)
        {
            return null;
        }

        if (!await IsCurrentAsync(botId, entry, turn.Now, cancellationToken).ConfigureAwait(false))
        {
            await cache.RemoveAsync(botId, entry.Key, cancellationToken).ConfigureAwait(false);
            _indexes.TryRemove(botId, out _);
            turn.Trace.Note("stale", entry.FaqId);
            return null;
        }

        return entry;
    }

    private static bool IsUsable(CachedAnswer entry, TurnContext turn) =>
        string.IsNullOrEmpty(entry.Locale) || SameLanguage(entry.Locale, turn.Locale);

    private static bool SameLanguage(string a, string b)
    {
        var dashA = a.IndexOf('-', StringComparison.Ordinal);
        var dashB = b.IndexOf('-', StringComparison.Ordinal);
        return a.AsSpan(0, dashA < 0 ? a.Length : dashA).Equals(b.AsSpan(0, dashB < 0 ? b.Length : dashB), StringComparison.OrdinalIgnoreCase);
    }

    private async ValueTask<bool> IsCurrentAsync(string botId, CachedAnswer entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entry.FaqId is null || knowledge is null)
        {
            return true;
        }

        var faq = await knowledge.GetFaqAsync(botId, entry.FaqId, cancellationToken).ConfigureAwait(false);
        return faq is not null && faq.IsLive(now) && (entry.FaqVersion is null || entry.FaqVersion == faq.Version);
    }

    private async ValueTask<NearDuplicateIndex> IndexAsync(string botId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_indexes.TryGetValue(botId, out var index) && now - index.BuiltAt < _indexLifetime)
        {
            return index;
        }

        var entries = await cache.ListAsync(botId, cancellationToken).ConfigureAwait(false);
        index = new NearDuplicateIndex(entries, now);
        _indexes[botId] = index;
        return index;
    }
}
