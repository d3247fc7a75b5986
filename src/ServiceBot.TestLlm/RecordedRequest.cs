using System.Text.Json.Nodes;

namespace ServiceBot.TestLlm;

/// <summary>A request the test model server received, as the client sent it.</summary>
/// <param name="Path">Request path, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="Body">The JSON body; an empty object when the body was not JSON.</param>
/// <param name="Authorization">The <c>Authorization</c> header, when any.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
public sealed record RecordedRequest(string Path, JsonObject Body, string? Authorization, DateTimeOffset ReceivedAt)
{
    /// <summary>True for a chat request with <c>"stream": true</c>.</summary>
    public bool Stream => Body["stream"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;

    /// <summary>The messages' contents in order, as (role, text).</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body["messages"] is JsonArray messages
            ? [.. messages.OfType<JsonObject>().Select(m => ((string?)m["role"] ?? "", ChatRequestView.ContentText(m["content"])))]
            : [];

    /// <summary>All message text joined, for asserting that the prompt carried something.</summary>
    public string PromptText => string.Join("\n", Messages.Select(m => m.Content));
}
