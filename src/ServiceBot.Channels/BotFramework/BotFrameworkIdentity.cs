namespace ServiceBot.Channels.BotFramework;

/// <summary>What a validated channel token vouches for.</summary>
/// <param name="ServiceUrl">The <c>serviceurl</c> claim: where replies to this activity may go; null for Emulator tokens.</param>
/// <param name="Endorsements">Channel ids the signing key is endorsed for; empty when the key lists none.</param>
internal sealed record BotFrameworkIdentity(string? ServiceUrl, IReadOnlyCollection<string> Endorsements);
