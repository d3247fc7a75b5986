namespace ServiceBot.Channels.Hosting;

/// <summary>Why a channel's turn produced no result; <see cref="Message"/> is safe to show a client.</summary>
internal sealed record ChannelTurnFailure(ChannelTurnFailureKind Kind, string Message);
