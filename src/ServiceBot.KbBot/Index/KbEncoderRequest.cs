using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Index;

/// <summary>What an encoder factory gets for one build: the rows, the bot's embedder settings and where it may keep files.</summary>
/// <param name="BotId">The bot, for logs.</param>
/// <param name="Rows">The question rows to embed (the held-out rows of the calibration are already left out).</param>
/// <param name="Settings">The bot's <c>kb.recall.embedder</c> settings.</param>
/// <param name="CacheDirectory">A folder for trained models and indexes, or null to keep nothing on disk.</param>
internal sealed record KbEncoderRequest(string BotId, IReadOnlyList<KbRow> Rows, EmbedderSettings Settings, string? CacheDirectory);
