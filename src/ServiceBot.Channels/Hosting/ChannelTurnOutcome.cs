using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Channels.Hosting;

/// <summary>A processed turn, or why there is none.</summary>
internal sealed record ChannelTurnOutcome(TurnResult? Result, ChannelTurnFailure? Failure);
