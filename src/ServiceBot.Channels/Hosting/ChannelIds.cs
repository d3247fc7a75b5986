namespace ServiceBot.Channels.Hosting;

/// <summary>The <c>channelId</c> values ServiceBot's channels put on activities (Bot Framework's names where they exist).</summary>
internal static class ChannelIds
{
    public const string DirectLine = "directline";
    public const string WebChat = "webchat";
    public const string Teams = "msteams";
    public const string Emulator = "emulator";
    public const string Slack = "slack";
}
