namespace ServiceBot.Core.Bots;

/// <summary>Load status of one bot.</summary>
/// <param name="State">Loading, ready or failed.</param>
/// <param name="Error">What failed, naming the file when content is at fault.</param>
/// <param name="Components">Milliseconds each initializer took.</param>
public sealed record BotStatus(BotLoadState State, string? Error, IReadOnlyDictionary<string, double> Components);
