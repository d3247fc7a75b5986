using System.Text.Json.Nodes;

namespace ServiceBot.Channels.Slack;

/// <summary>A message for <c>chat.postMessage</c>/<c>chat.update</c>: the notification text and its Block Kit blocks.</summary>
internal sealed record SlackMessage(string Text, JsonArray Blocks);
