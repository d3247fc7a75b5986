namespace ServiceBot.Channels.Slack;

/// <summary>Slack's Web API refused a call or could not be reached; <see cref="Error"/> is Slack's error code when it gave one.</summary>
internal sealed class SlackApiException : Exception
{
    public SlackApiException(string method, string error, Exception? inner = null)
        : base($"Slack {method} failed: {error}", inner) => Error = error;

    public string Error { get; }
}
