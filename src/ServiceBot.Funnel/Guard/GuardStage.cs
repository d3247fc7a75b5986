using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Throttling;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Funnel.Guard;

/// <summary>
/// The <c>guard</c> stage: refuses, politely and before any analysis, messages that are empty,
/// only symbols, too long, too frequent (rate limit) or the same message repeated (flood), and
/// repairs broken text (lone surrogates become U+FFFD, control characters are dropped) so later
/// stages always see valid UTF-16. Non-message activities pass untouched.
/// </summary>
internal sealed class GuardStage(FunnelSettingsCache settingsCache, IRateLimiter rateLimiter, IOptions<FunnelOptions> options) : ITurnStage
{
    private readonly FunnelOptions _options = options.Value;

    public string Name => "guard";

    public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Message)
        {
            await next(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var settings = settingsCache.For(turn.Bot).Guard;
        var maxChars = Math.Min(settings.MaxChars, _options.MaxMessageChars);
        var text = turn.Text;
        if (text.Length > _options.MaxMessageChars)
        {
            // Checked before anything walks the text, so a huge message costs nothing.
            Refuse(turn, settings, GuardRefusal.TooLong, text.Length, maxChars, TimeSpan.Zero);
            return;
        }

        var repaired = Repair(text);
        if (!ReferenceEquals(repaired, text))
        {
            turn.Activity.Text = repaired;
            turn.Trace.Note("repaired", "invalid characters replaced");
            text = repaired;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            if (turn.Activity.Attachments is { Count: > 0 })
            {
                await next(turn, cancellationToken).ConfigureAwait(false);
                return;
            }

            Refuse(turn, settings, GuardRefusal.Empty, 0, maxChars, TimeSpan.Zero);
            return;
        }

        if (trimmed.Length > maxChars)
        {
            Refuse(turn, settings, GuardRefusal.TooLong, trimmed.Length, maxChars, TimeSpan.Zero);
            return;
        }

        var key = MessageKey.Of(trimmed);
        if (key.Length == 0)
        {
            Refuse(turn, settings, GuardRefusal.SymbolsOnly, trimmed.Length, maxChars, TimeSpan.Zero);
            return;
        }

        var bot = turn.Bot.Id;
        var conversation = turn.Activity.Conversation?.Id ?? turn.State.ConversationId;
        if (settings.RateWindowSeconds > 0)
        {
            var window = TimeSpan.FromSeconds(settings.RateWindowSeconds);
            var user = turn.Activity.From?.Id;
            TimeSpan? retry = null;
            if (settings.RateLimit > 0)
            {
                retry = await IsLimitedAsync($"rate:{bot}:c:{conversation}", settings.RateLimit, window, cancellationToken).ConfigureAwait(false);
            }

            if (retry is null && settings.UserRateLimit > 0 && !string.IsNullOrEmpty(user))
            {
                retry = await IsLimitedAsync($"rate:{bot}:u:{user}", settings.UserRateLimit, window, cancellationToken).ConfigureAwait(false);
            }

            if (retry is { } wait)
            {
                Refuse(turn, settings, GuardRefusal.RateLimited, trimmed.Length, maxChars, wait);
                return;
            }
        }

        if (settings.FloodRepeats > 0 && settings.FloodWindowSeconds > 0)
        {
            var decision = await rateLimiter.AcquireAsync($"flood:{bot}:{conversation}:{MessageKey.Hash(key)}", settings.FloodRepeats, TimeSpan.FromSeconds(settings.FloodWindowSeconds), cancellationToken).ConfigureAwait(false);
            if (!decision.IsAllowed)
            {
                Refuse(turn, settings, GuardRefusal.Flood, trimmed.Length, maxChars, decision.RetryAfter);
                return;
            }
        }

        await next(turn, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TimeSpan?> IsLimitedAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var decision = await rateLimiter.AcquireAsync(key, limit, window, cancellationToken).ConfigureAwait(false);
        return decision.IsAllowed ? null : decision.RetryAfter;
    }

    /// <summary>Returns <paramref name="text"/> itself when it is valid, else a copy with lone surrogates as U+FFFD and control characters (other than line breaks and tabs) removed.</summary>
    internal static string Repair(string text)
    {
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || IsDroppedControl(c))
            {
                break;
            }
        }

        if (i == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (!IsDroppedControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsDroppedControl(char c) => char.IsControl(c) && c is not '\n' and not '\r' and not '\t';

    private void Refuse(TurnContext turn, GuardSettings settings, string reason, int length, int maxChars, TimeSpan retryAfter)
    {
        var template = settings.Replies.TryGetValue(reason, out var configured) ? configured : DefaultGuardReplies.Get(reason);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var text = template.Pick(turn.Locale)
            .Replace("{max}", maxChars.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{seconds}", seconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        turn.Trace.Note("reason", reason);
        turn.Trace.Note("length", length);
        turn.Respond(Name, TurnOutcome.Refused, turn.CreateReply(text));
    }
}
