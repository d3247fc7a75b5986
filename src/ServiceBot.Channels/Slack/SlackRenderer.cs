using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Channels.Rendering;

namespace ServiceBot.Channels.Slack;

/// <summary>
/// Renders a reply as a Slack message: the text as mrkdwn sections (at most 3,000 characters each),
/// buttons from suggested actions and hero cards as an actions block, and optional rating buttons.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
internal static class SlackRenderer
{
    public const string SuggestionAction = "servicebot.suggest";
    public const string LinkAction = "servicebot.link";
    public const string FeedbackUpAction = "servicebot.feedback.up";
    public const string FeedbackDownAction = "servicebot.feedback.down";

    private const int MaxBlocks = 50;
    private const int MaxButtonText = 75;
    private const int MaxButtonValue = 2_000;
    private const int MaxNotificationText = 4_000;

    /// <summary>The message for <paramref name="reply"/>; <paramref name="feedbackTurnId"/> adds rating buttons for that turn.</summary>
    public static SlackMessage Render(Activity reply, string? feedbackTurnId)
    {
        var blocks = new JsonArray();
        var markdown = reply.TextFormat == TextFormats.Markdown;
        var text = reply.Text ?? "";
        var buttons = new List<CardAction>();
        if (reply.SuggestedActions?.Actions is { } suggested)
        {
            buttons.AddRange(suggested);
        }

        foreach (var attachment in reply.Attachments ?? [])
        {
            if (attachment.Content is { ValueKind: JsonValueKind.Object } content)
            {
                text = AppendCardText(text, content);
                if (content.TryGetProperty("buttons", out var cardButtons) && cardButtons.ValueKind == JsonValueKind.Array)
                {
                    buttons.AddRange(cardButtons.Deserialize<List<CardAction>>(ActivityJson.Options) ?? []);
                }
            }
        }

        var mrkdwn = markdown ? MarkdownText.ToSlack(text) : MarkdownText.EscapeSlack(text);
        foreach (var piece in TextSplitter.Split(mrkdwn, ChannelCapabilityCatalog.Slack.MaxTextLength))
        {
            if (piece.Length > 0 && blocks.Count < MaxBlocks - 2)
            {
                blocks.Add(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = piece } });
            }
        }

        if (buttons.Count > 0)
        {
            blocks.Add(Actions("servicebot.suggestions", buttons.Take(ChannelCapabilityCatalog.Slack.MaxButtons).Select(Button)));
        }

        if (feedbackTurnId is not null)
        {
            blocks.Add(Actions("servicebot.feedback",
            [
                new JsonObject { ["type"] = "button", ["action_id"] = FeedbackUpAction, ["value"] = feedbackTurnId, ["text"] = PlainText("👍") },
                new JsonObject { ["type"] = "button", ["action_id"] = FeedbackDownAction, ["value"] = feedbackTurnId, ["text"] = PlainText("👎") },
            ]));
        }

        var notification = markdown ? MarkdownText.ToPlain(text) : text;
        return new SlackMessage(notification.Length > MaxNotificationText ? notification[..MaxNotificationText] : notification, blocks);
    }

    /// <summary>A message showing text still being generated.</summary>
    public static SlackMessage Partial(string text) => new(text, [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = MarkdownText.EscapeSlack(text) + " …" } }]);

    private static JsonObject Button(CardAction action, int index)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(Truncate(CardActionText.Title(action), MaxButtonText)),
        };
        if (CardActionText.IsLink(action))
        {
            button["action_id"] = $"{LinkAction}.{index}";
            button["url"] = CardActionText.Value(action);
        }
        else
        {
            button["action_id"] = $"{SuggestionAction}.{index}";
            button["value"] = Truncate(CardActionText.Value(action), MaxButtonValue);
        }

        return button;
    }

    private static JsonObject Actions(string blockId, IEnumerable<JsonObject> elements) =>
        new() { ["type"] = "actions", ["block_id"] = blockId, ["elements"] = new JsonArray([.. elements]) };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string AppendCardText(string text, JsonElement card)
    {
        foreach (var name in (ReadOnlySpan<string>)["title", "subtitle", "text"])
        {
            if (card.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } line)
            {
                text = text.Length == 0 ? line : text + "\n" + line;
            }
        }

        return text;
    }
}
