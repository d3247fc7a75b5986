using System.Text.Json;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Channels.BotFramework;

/// <summary>
/// Brings an incoming Bot Framework activity to the shape the pipeline expects: the bot's own
/// @mention removed from the text, the Teams tenant on the conversation, and the text of a card
/// button taken from its value.
/// </summary>
internal static class TeamsActivity
{
    /// <summary>Normalizes <paramref name="activity"/> in place.</summary>
    public static void Normalize(Activity activity)
    {
        StripBotMention(activity);
        CopyTenant(activity);
        TextFromValue(activity);
    }

    private static void StripBotMention(Activity activity)
    {
        if (activity.Text is not { Length: > 0 } text || activity.Entities is not { Count: > 0 } entities)
        {
            return;
        }

        var botId = activity.Recipient?.Id;
        foreach (var entity in entities)
        {
            if (entity.Type != "mention" || entity.Properties is not { } properties)
            {
                continue;
            }

            var mentioned = properties.TryGetValue("mentioned", out var who) && who.ValueKind == JsonValueKind.Object && who.TryGetProperty("id", out var id) ? id.GetString() : null;
            if (mentioned is null || mentioned != botId)
            {
                continue;
            }

            if (properties.TryGetValue("text", out var mentionText) && mentionText.GetString() is { Length: > 0 } literal)
            {
                text = text.Replace(literal, "", StringComparison.Ordinal);
            }
        }

        activity.Text = text.Trim();
    }

    private static void CopyTenant(Activity activity)
    {
        if (activity.Conversation is not { TenantId: null } conversation || activity.ChannelData is not { ValueKind: JsonValueKind.Object } data)
        {
            return;
        }

        if (data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            conversation.TenantId = id.GetString();
        }
    }

    // A postBack or messageBack button, or an Adaptive Card submit, may carry its text in the value only.
    private static void TextFromValue(Activity activity)
    {
        if (activity.Type != ActivityTypes.Message || !string.IsNullOrWhiteSpace(activity.Text) || activity.Value is not { } value)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            activity.Text = value.GetString();
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in (ReadOnlySpan<string>)["text", "query", "value"])
            {
                if (value.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
                {
                    activity.Text = text.GetString();
                    return;
                }
            }
        }
    }
}
