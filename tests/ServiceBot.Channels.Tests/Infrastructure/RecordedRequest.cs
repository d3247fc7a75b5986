using System.Text.Json;

namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>One request a <see cref="RecordingServer"/> received.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string ContentType, string Body)
{
    /// <summary>What the server answered.</summary>
    public string ResponseBody { get; set; } = "";

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
