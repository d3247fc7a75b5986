using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Core.Bots;
using ServiceBot.Core.Logging;
using ServiceBot.Core.Pipeline;
using ServiceBot.Core.Replies;
using Activity = ServiceBot.Abstractions.Activities.Activity;

namespace ServiceBot.Core.Turns;

/// <summary>
/// A turn as one unit of work: lock the conversation, load its state once, run the pipeline, save
/// the state once with its ETag, release, and hand the record to the conversation log.
/// </summary>
/// <remarks>
/// If the save loses an ETag race (another replica wrote in between, e.g. after a lock lease
/// expired), the turn runs again on the fresh state, unless it already had an effect outside the
/// state (a backend call): then the customer is asked to resend rather than risk doing it twice.
/// A turn that fails saves nothing, so a fault never leaves half-updated state behind.
/// </remarks>
internal sealed partial class TurnProcessor(
    IBotCatalog catalog,
    BotReadiness readiness,
    TurnPipeline pipeline,
    IConversationStateStore stateStore,
    IConversationLock conversationLock,
    TurnLogWriter logWriter,
    ITranscriptRedactor redactor,
    TurnErrorHandler errorHandler,
    BotReplies replies,
    TimeProvider time,
    IOptions<TurnOptions> options,
    ILogger<TurnProcessor> logger) : ITurnProcessor
{
    private readonly TurnOptions _options = options.Value;

    public async Task<TurnResult> ProcessAsync(Activity activity, TurnRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var bot = ResolveBot(request.BotId);
        Validate(activity);
        activity.ChannelId ??= "api";
        activity.Timestamp ??= time.GetUtcNow();
        activity.Id ??= Guid.NewGuid().ToString("N");

        var turnId = Guid.CreateVersion7().ToString("N");
        var key = $"{bot.Id}:{activity.ChannelId}:{activity.Conversation!.Id}";
        TurnContext turn;
        try
        {
            var held = await conversationLock.AcquireAsync("lock:" + key, _options.LockWait, cancellationToken).ConfigureAwait(false);
            await using (held.ConfigureAwait(false))
            {
                turn = await RunLockedAsync(turnId, key, bot, activity, request, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ConversationLockTimeoutException)
        {
            turn = new TurnContext(turnId, activity, bot, NewState(bot, activity), time.GetUtcNow()) { Stream = request.Stream };
            turn.Trace.Note("lock", "timeout");
            turn.Respond("lock", TurnOutcome.Refused, replies.Create(turn, BotReplies.Busy));
        }

        turn.Trace.TotalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (activity.Type is ActivityTypes.Message or ActivityTypes.ConversationUpdate)
        {
            logWriter.Enqueue(ToRecord(turn));
        }

        LogTurn(logger, turnId, bot.Id, turn.Outcome, turn.AnsweredBy, turn.Trace.TotalMs);
        return new TurnResult(turnId, bot.Id, turn.Replies, turn.Outcome, turn.AnsweredBy, turn.Trace);
    }

    private async Task<TurnContext> RunLockedAsync(string turnId, string key, BotDefinition bot, Activity activity, TurnRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var state = await LoadAsync(key, bot, activity, cancellationToken).ConfigureAwait(false);
            var turn = new TurnContext(turnId, activity, bot, state, time.GetUtcNow()) { Stream = request.Stream };
            if (attempt > 0)
            {
                turn.Trace.Note("attempt", attempt + 1);
            }

            if (!await RunAsync(turn, cancellationToken).ConfigureAwait(false))
            {
                return turn;
            }

            Remember(turn);
            try
            {
                await stateStore.WriteAsync(key, state.ToUtf8Json(), state.ETag, _options.StateTimeToLive, cancellationToken).ConfigureAwait(false);
                return turn;
            }
            catch (ETagConflictException) when (!turn.HasSideEffects && attempt < _options.ConflictRetries)
            {
                LogConflictRetry(logger, turnId, attempt + 1);
            }
            catch (ETagConflictException)
            {
                errorHandler.HandleConflict(turn);
                return turn;
            }
        }
    }

    // Returns false when the turn failed (and its state must not be saved) or needs no saving.
    private async Task<bool> RunAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        switch (turn.Activity.Type)
        {
            case ActivityTypes.Message:
                try
                {
                    await pipeline.RunAsync(turn, cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    errorHandler.Handle(turn, e);
                    return false;
                }

            case ActivityTypes.ConversationUpdate when IsSomeoneElseJoining(turn.Activity):
                turn.Respond(BotReplies.Welcome, TurnOutcome.Answered, replies.Create(turn, BotReplies.Welcome));
                return true;
            case ActivityTypes.EndOfConversation:
                await stateStore.DeleteAsync($"{turn.Bot.Id}:{turn.Activity.ChannelId}:{turn.Activity.Conversation!.Id}", cancellationToken).ConfigureAwait(false);
                return false;
            default:
                return false;
        }
    }

    private async Task<ConversationState> LoadAsync(string key, BotDefinition bot, Activity activity, CancellationToken cancellationToken)
    {
        var stored = await stateStore.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return NewState(bot, activity);
        }

        try
        {
            return ConversationState.FromUtf8Json(stored.Data.Span, stored.ETag);
        }
        catch (JsonException e)
        {
            // Unreadable state (e.g. written by an incompatible version) must not lock the customer
            // out: start over, but keep the ETag so the overwrite is still a checked write.
            LogUnreadableState(logger, e, key);
            var fresh = NewState(bot, activity);
            fresh.ETag = stored.ETag;
            return fresh;
        }
    }

    private ConversationState NewState(BotDefinition bot, Activity activity) => new()
    {
        BotId = bot.Id,
        ConversationId = activity.Conversation?.Id ?? "",
        ChannelId = activity.ChannelId,
        UserId = activity.From?.Id,
        CreatedAt = time.GetUtcNow(),
    };

    private void Remember(TurnContext turn)
    {
        var state = turn.State;
        state.LastActivityAt = turn.Now;
        state.Locale = turn.Locale;
        if (turn.Activity.Type != ActivityTypes.Message)
        {
            return;
        }

        state.TurnCount++;
        if (_options.RecentTurns == 0)
        {
            state.RecentTurns.Clear();
            return;
        }

        state.RecentTurns.Add(new TurnSummary
        {
            TurnId = turn.TurnId,
            At = turn.Now,
            UserText = turn.IsAnalyzed ? turn.Utterance.Normalized : turn.Text,
            ReplyText = turn.Replies.Count > 0 ? turn.Replies[0].Text : null,
            AnsweredBy = turn.AnsweredBy,
            Topic = Topic(turn),
        });
        if (state.RecentTurns.Count > _options.RecentTurns)
        {
            state.RecentTurns.RemoveRange(0, state.RecentTurns.Count - _options.RecentTurns);
        }
    }

    private TurnRecord ToRecord(TurnContext turn) => new()
    {
        TurnId = turn.TurnId,
        BotId = turn.Bot.Id,
        ConversationId = turn.Activity.Conversation?.Id ?? "",
        ChannelId = turn.Activity.ChannelId,
        UserId = turn.Activity.From?.Id,
        Timestamp = turn.Now,
        Locale = turn.Locale,
        UserText = redactor.Redact(turn.Bot.Id, turn.Text),
        ReplyTexts = [.. turn.Replies.Where(r => r.Text is not null).Select(r => redactor.Redact(turn.Bot.Id, r.Text!))],
        AnsweredBy = turn.AnsweredBy,
        Outcome = turn.Outcome,
        Confidence = Confidence(turn),
        Topic = Topic(turn),
        ElapsedMs = turn.Trace.TotalMs,
        Trace = turn.Trace,
        NeedsReview = turn.Outcome is TurnOutcome.Suggested or TurnOutcome.Fallback or TurnOutcome.HandedOff or TurnOutcome.Failed,
    };

    private static string? Topic(TurnContext turn)
    {
        if (turn.Topic is not null || turn.AnsweredBy is null)
        {
            return turn.Topic;
        }

        var step = turn.Trace.Find("router/" + turn.AnsweredBy) ?? turn.Trace.Find(turn.AnsweredBy);
        return step?.Candidates is { Count: > 0 } candidates ? candidates.MaxBy(c => c.Score)!.Id : null;
    }

    private static double? Confidence(TurnContext turn) =>
        turn.AnsweredBy is not null && turn.Trace.Find("router/" + turn.AnsweredBy)?.Notes?.GetValueOrDefault("confidence") is double confidence
            ? confidence
            : null;

    private static bool IsSomeoneElseJoining(Activity activity) =>
        activity.MembersAdded is { Count: > 0 } added && added.Exists(m => m.Id != activity.Recipient?.Id);

    private BotDefinition ResolveBot(string? botId)
    {
        var bot = botId is null ? catalog.Default : catalog.TryGet(botId, out var found) ? found : throw new UnknownBotException(botId);
        if (!readiness.IsReady(bot.Id))
        {
            throw new BotNotReadyException(bot.Id, readiness.Status.GetValueOrDefault(bot.Id)?.Error);
        }

        return bot;
    }

    private static void Validate(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            throw new InvalidActivityException("The activity has no type.");
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            throw new InvalidActivityException("The activity has no conversation id.");
        }

        if (activity.Conversation.Id.Length > 256)
        {
            throw new InvalidActivityException("The conversation id is longer than 256 characters.");
        }

        if (activity.Type == ActivityTypes.Message && string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            throw new InvalidActivityException("The message has no sender id (from.id).");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn {TurnId} of bot '{BotId}': {Outcome} by {AnsweredBy} in {Milliseconds:0.0} ms.")]
    private static partial void LogTurn(ILogger logger, string turnId, string botId, TurnOutcome outcome, string? answeredBy, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn {TurnId} lost a state write race; running it again on fresh state (attempt {Attempt}).")]
    private static partial void LogConflictRetry(ILogger logger, string turnId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The state of conversation {Key} cannot be read; the conversation starts over.")]
    private static partial void LogUnreadableState(ILogger logger, Exception exception, string key);
}
