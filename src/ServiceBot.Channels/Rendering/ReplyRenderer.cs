using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Channels.Rendering;

/// <summary>
/// Renders a reply for a Bot Framework channel from its <see cref="ChannelCapabilities"/>: Markdown
/// flattened where it is not shown, buttons moved onto a card where quick replies are not shown,
/// long text split into several messages.
/// </summary>
/// <remarks>Pure and thread-safe; the input activity is not modified.</remarks>
internal static class ReplyRenderer
{
    public const string HeroCardContentType = "application/vnd.microsoft.card.hero";
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The messages to send for <paramref name="reply"/>, in order (more than one when the text is too long).</summary>
    public static IReadOnlyList<Activity> Render(Activity reply, ChannelCapabilities capabilities)
    {
        if (reply.Type != ActivityTypes.Message)
        {
            return [reply];
        }

        var text = reply.Text ?? "";
        var format = reply.TextFormat;
        if (format == TextFormats.Markdown && !capabilities.Markdown)
        {
            text = MarkdownText.ToPlain(text);
            format = TextFormats.Plain;
        }

        var buttons = reply.SuggestedActions?.Actions is { Count: > 0 } actions
            ? actions.Take(capabilities.MaxButtons).ToList()
            : [];
        if (buttons.Count > 0 && !capabilities.SuggestedActions && capabilities.Cards == CardStyle.None)
        {
            text = AppendButtonList(text, buttons);
        }

        var pieces = TextSplitter.Split(text, capabilities.MaxTextLength);
        var messages = new List<Activity>(pieces.Count);
        for (var i = 0; i < pieces.Count; i++)
        {
            var last = i == pieces.Count - 1;
            var message = Copy(reply, pieces[i], format, withAttachments: last);
            if (last && buttons.Count > 0)
            {
                AddButtons(message, reply.SuggestedActions!.To, buttons, capabilities);
            }

            messages.Add(message);
        }

        return messages;
    }

    private static void AddButtons(Activity message, List<string>? to, List<CardAction> buttons, ChannelCapabilities capabilities)
    {
        if (capabilities.SuggestedActions)
        {
            message.SuggestedActions = new SuggestedActions { To = to, Actions = buttons };
            return;
        }

        switch (capabilities.Cards)
        {
            case CardStyle.Hero:
                (message.Attachments ??= []).Add(new Attachment
                {
                    ContentType = HeroCardContentType,
                    Content = JsonSerializer.SerializeToElement(new { buttons }, Abstractions.Activities.ActivityJson.Options),
                });
                break;
            case CardStyle.Adaptive:
                // The text moves into the card so it reads as one message; Summary keeps it for notifications.
                (message.Attachments ??= []).Add(new Attachment { ContentType = AdaptiveCardContentType, Content = AdaptiveCard(message.Text, buttons) });
                message.Summary = message.Text is null ? null : MarkdownText.ToPlain(message.Text);
                message.Text = null;
                break;
        }
    }

    private static JsonElement AdaptiveCard(string? text, List<CardAction> buttons)
    {
        var body = new JsonArray();
        if (!string.IsNullOrWhiteSpace(text))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true });
        }

        var actions = new JsonArray();
        foreach (var button in buttons)
        {
            actions.Add(CardActionText.IsLink(button)
                ? new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = CardActionText.Title(button), ["url"] = CardActionText.Value(button) }
                : new JsonObject
                {
                    ["type"] = "Action.Submit",
                    ["title"] = CardActionText.Title(button),

                    // Teams turns an imBack submit into an ordinary message from the user, as a quick reply would be.
                    ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = CardActionText.Value(button) } },
                });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = body,
            ["actions"] = actions,
        };
        return JsonSerializer.SerializeToElement(card);
    }

    private static string AppendButtonList(string text, List<CardAction> buttons)
    {
        var lines = buttons.Select((b, i) => CardActionText.IsLink(b)
            ? $"{i + 1}. {CardActionText.Title(b)}: {CardActionText.Value(b)}"
            : $"{i + 1}. {CardActionText.Title(b)}");
        return text.Length == 0 ? string.Join('\n', lines) : text + "\n\n" + string.Join('\n', lines);
    }

    private static Activity Copy(Activity source, string text, string? format, bool withAttachments) => new()
    {
        Type = source.Type,
        Id = source.Id,
        Timestamp = source.Timestamp,
        ChannelId = source.ChannelId,
        ServiceUrl = source.ServiceUrl,
        From = source.From,
        Recipient = source.Recipient,
        Conversation = source.Conversation,
        ReplyToId = source.ReplyToId,
        Text = text,
        TextFormat = format,
        Locale = source.Locale,
        Speak = source.Speak,
        InputHint = source.InputHint,
        Summary = source.Summary,
        Attachments = withAttachments && source.Attachments is { } attachments ? [.. attachments] : null,
        AttachmentLayout = source.AttachmentLayout,
        Value = source.Value,
        ValueType = source.ValueType,
        Name = source.Name,
        ChannelData = source.ChannelData,
        Entities = source.Entities,
        Properties = source.Properties,
    };
}
