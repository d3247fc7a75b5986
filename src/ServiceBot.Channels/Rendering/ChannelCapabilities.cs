namespace ServiceBot.Channels.Rendering;

/// <summary>
/// What one channel can show, so a reply is rendered once and appropriately everywhere: the
/// renderer reads these flags instead of asking "is this Teams?".
/// </summary>
/// <param name="ChannelId">The channel id these capabilities describe.</param>
/// <param name="Markdown">True when the channel renders Markdown text; otherwise Markdown is flattened to plain text.</param>
/// <param name="SuggestedActions">True when the channel shows <c>suggestedActions</c> as quick-reply buttons.</param>
/// <param name="Cards">How buttons are shown when suggested actions are not available.</param>
/// <param name="MaxButtons">Most buttons one message may carry; extra suggestions are dropped.</param>
/// <param name="Streaming">True when partial replies can be shown while they are generated.</param>
/// <param name="Typing">True when the channel shows a typing indicator.</param>
/// <param name="MaxTextLength">Longest text of one message; longer replies are split at paragraph or sentence ends.</param>
internal sealed record ChannelCapabilities(
    string ChannelId,
    bool Markdown,
    bool SuggestedActions,
    CardStyle Cards,
    int MaxButtons,
    bool Streaming,
    bool Typing,
    int MaxTextLength);
