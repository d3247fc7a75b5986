using ServiceBot.Channels.Hosting;

namespace ServiceBot.Channels.Rendering;

/// <summary>The one description of each channel ServiceBot speaks to; unknown channels get a conservative default.</summary>
internal static class ChannelCapabilityCatalog
{
    // Direct Line clients (Web Chat, the widget) render Markdown, quick replies and cards, and show
    // partial text; the hosted service caps an activity at 300,000 characters.
    public static readonly ChannelCapabilities DirectLine = new(ChannelIds.DirectLine, Markdown: true, SuggestedActions: true, Cards: CardStyle.Hero, MaxButtons: 10, Streaming: true, Typing: true, MaxTextLength: 100_000);

    // Teams shows suggested actions in personal chats only, so buttons go on an Adaptive Card that
    // works in chats and channels alike; a message is capped near 28 KB, 7,000 characters keeps well under it.
    public static readonly ChannelCapabilities Teams = new(ChannelIds.Teams, Markdown: true, SuggestedActions: false, Cards: CardStyle.Adaptive, MaxButtons: 6, Streaming: false, Typing: true, MaxTextLength: 7_000);

    // Slack renders Block Kit: mrkdwn sections of at most 3,000 characters and buttons of at most 75.
    public static readonly ChannelCapabilities Slack = new(ChannelIds.Slack, Markdown: true, SuggestedActions: false, Cards: CardStyle.None, MaxButtons: 10, Streaming: true, Typing: false, MaxTextLength: 3_000);

    public static readonly ChannelCapabilities Emulator = DirectLine with { ChannelId = ChannelIds.Emulator, Streaming = false };

    public static readonly ChannelCapabilities WebChat = DirectLine with { ChannelId = ChannelIds.WebChat, Streaming = false };

    /// <summary>Plain text and a hero card: what every Bot Framework channel can show.</summary>
    public static readonly ChannelCapabilities Default = new("default", Markdown: false, SuggestedActions: false, Cards: CardStyle.Hero, MaxButtons: 6, Streaming: false, Typing: true, MaxTextLength: 4_000);

    /// <summary>The capabilities of <paramref name="channelId"/>; <see cref="Default"/> when the channel is unknown.</summary>
    public static ChannelCapabilities For(string? channelId) => channelId switch
    {
        ChannelIds.DirectLine => DirectLine,
        ChannelIds.WebChat => WebChat,
        ChannelIds.Teams => Teams,
        ChannelIds.Slack => Slack,
        ChannelIds.Emulator => Emulator,
        _ => Default with { ChannelId = channelId ?? Default.ChannelId },
    };
}
