using System.Text;
using System.Text.Json.Nodes;

namespace ServiceBot.TestLlm;

/// <summary>The parts of a chat-completions request the rules look at.</summary>
internal sealed class ChatRequestView
{
    public ChatRequestView(JsonObject body)
    {
        Body = body;
        Stream = body["stream"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
        IncludeUsage = body["stream_options"]?["include_usage"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
        var system = new List<string>();
        var all = new List<string>();
        if (body["messages"] is JsonArray messages)
        {
            foreach (var message in messages.OfType<JsonObject>())
            {
                var content = ContentText(message["content"]);
                all.Add(content);
                switch ((string?)message["role"])
                {
                    case "system" or "developer":
                        system.Add(content);
                        break;
                    case "user":
                        LastUserMessage = content;
                        break;
                }
            }
        }

        SystemMessages = system;
        AllText = string.Join("\n", all);
    }

    public JsonObject Body { get; }

    public bool Stream { get; }

    public bool IncludeUsage { get; }

    public string LastUserMessage { get; } = "";

    public IReadOnlyList<string> SystemMessages { get; }

    public string AllText { get; }

    /// <summary>A message's content as text: a plain string, or the text parts of a content array.</summary>
    internal static string ContentText(JsonNode? content)
    {
        switch (content)
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text;
            case JsonArray parts:
                var builder = new StringBuilder();
                foreach (var part in parts.OfType<JsonObject>())
                {
                    if ((string?)part["type"] == "text")
                    {
                        builder.Append((string?)part["text"]);
                    }
                }

                return builder.ToString();
            default:
                return "";
        }
    }
}
