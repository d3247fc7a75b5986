using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServiceBot.Channels.Slack;

/// <summary>
/// Reads Slack Events API callbacks and interaction payloads into <see cref="SlackInbound"/> messages,
/// leaving out what the bot must not answer: its own messages, edits and other subtypes, and channel
/// messages that do not mention it.
/// </summary>
internal static partial class SlackEvents
{
    /// <summary>The customer message of an <c>event_callback</c>, or null when there is nothing to answer.</summary>
    public static SlackInbound? FromCallback(JsonElement callback, bool replyInThread)
    {
        if (!callback.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = String(e, "type");
        var botUserId = BotUserId(callback);
        var user = String(e, "user");
        var channel = String(e, "channel");
        var ts = String(e, "ts");
        if (user is null || channel is null || ts is null || user == botUserId || e.TryGetProperty("bot_id", out _))
        {
            return null;
        }

        // Edits, deletions, joins, bot posts…: only plain messages (and thread broadcasts) are questions.
        if (String(e, "subtype") is { } subtype && subtype != "thread_broadcast")
        {
            return null;
        }

        var channelType = String(e, "channel_type");
        bool direct;
        switch (type)
        {
            case "message" when channelType == "im":
                direct = true;
                break;
            case "app_mention":
                direct = channelType == "im" || channel.StartsWith('D');
                break;
            default:
                // Channel messages arrive as app_mention when they address the bot; the rest are not for it.
                return null;
        }

        var team = String(callback, "team_id") ?? String(e, "team") ?? "";
        var threadTs = String(e, "thread_ts");
        var replyThread = direct ? threadTs : replyInThread ? threadTs ?? ts : threadTs;
        var conversation = replyThread is null ? $"{team}:{channel}" : $"{team}:{channel}:{replyThread}";
        var text = Decode(String(e, "text") ?? "", botUserId);
        return text.Length == 0 ? null : new SlackInbound(conversation, channel, replyThread, user, botUserId, text, ts, direct);
    }

    /// <summary>A button click of a <c>block_actions</c> payload as the customer's next message, or null for other actions.</summary>
    public static SlackInbound? FromAction(JsonElement payload, JsonElement action)
    {
        var user = payload.TryGetProperty("user", out var u) ? String(u, "id") : null;
        var team = payload.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object ? String(t, "id") : user is null ? null : String(u, "team_id");
        var container = payload.TryGetProperty("container", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var channel = (container.ValueKind == JsonValueKind.Object ? String(container, "channel_id") : null)
            ?? (payload.TryGetProperty("channel", out var ch) && ch.ValueKind == JsonValueKind.Object ? String(ch, "id") : null);
        var value = String(action, "value");
        if (user is null || channel is null || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var threadTs = container.ValueKind == JsonValueKind.Object ? String(container, "thread_ts") : null;
        if (threadTs is null && payload.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            threadTs = String(message, "thread_ts");
        }

        var direct = channel.StartsWith('D');
        var conversation = threadTs is null ? $"{team ?? ""}:{channel}" : $"{team ?? ""}:{channel}:{threadTs}";
        return new SlackInbound(conversation, channel, threadTs, user, null, value, String(action, "action_ts") ?? "", direct);
    }

    /// <summary>Slack's markup as plain text: the bot's mention removed, links and mentions readable, entities decoded.</summary>
    public static string Decode(string text, string? botUserId)
    {
        if (botUserId is not null)
        {
            text = text.Replace($"<@{botUserId}>", "", StringComparison.Ordinal);
        }

        text = Markup().Replace(text, m =>
        {
            var inner = m.Groups[1].Value;
            var bar = inner.IndexOf('|', StringComparison.Ordinal);
            var target = bar < 0 ? inner : inner[..bar];
            var label = bar < 0 ? null : inner[(bar + 1)..];
            return target[0] switch
            {
                '@' => "@" + (label ?? target[1..]),
                '#' => "#" + (label ?? target[1..]),
                '!' => label ?? "",
                _ => label is null || label == target ? target : $"{label} ({target})",
            };
        });
        return WebUtility.HtmlDecode(text).Trim();
    }

    /// <summary>Slack's id for the event, used to recognize retries.</summary>
    public static string? EventId(JsonElement callback) => String(callback, "event_id");

    /// <summary>A key for the message itself, the same whether Slack delivered it as a message or as a mention.</summary>
    public static string MessageKey(SlackInbound inbound) => new StringBuilder("msg:").Append(inbound.Channel).Append(':').Append(inbound.Ts).ToString();

    private static string? BotUserId(JsonElement callback)
    {
        if (callback.TryGetProperty("authorizations", out var authorizations) && authorizations.ValueKind == JsonValueKind.Array)
        {
            foreach (var authorization in authorizations.EnumerateArray())
            {
                if (authorization.TryGetProperty("is_bot", out var isBot) && isBot.ValueKind == JsonValueKind.True && String(authorization, "user_id") is { } id)
                {
                    return id;
                }
            }
        }

        return callback.TryGetProperty("authed_users", out var authed) && authed.ValueKind == JsonValueKind.Array && authed.GetArrayLength() == 1 ? authed[0].GetString() : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("<([^<>]+)>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Markup();
}
