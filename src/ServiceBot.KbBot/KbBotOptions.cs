using System.ComponentModel.DataAnnotations;

namespace ServiceBot.KbBot;

/// <summary>Server-wide KB-Bot options (<c>ServiceBot:KbBot</c>); per-bot settings live in <c>bot.yaml</c>.</summary>
public sealed class KbBotOptions
{
    public const string SectionName = "ServiceBot:KbBot";

    /// <summary>Seed an empty knowledge store from the bot's <c>knowledge.faq</c> files at load.</summary>
    public bool SeedFromFiles { get; set; } = true;

    /// <summary><c>local</c> (trained from the KB, no download), <c>http</c> (OpenAI-compatible server) or <c>none</c>.</summary>
    [RegularExpression("^(local|http|none)$", ErrorMessage = "ServiceBot:KbBot:Embedder must be local, http or none.")]
    public string Embedder { get; set; } = "local";

    /// <summary>
    /// Largest FAQ file accepted (import and seed files), in bytes; a larger file is refused before it is read.
    /// 32 MB holds about 40,000 entries of the sample shop's size; the whole file is held in memory while it is validated.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxImportBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest document file (md, html, txt, docx) accepted, in bytes; a .docx's XML may unpack to four times this.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxDocumentBytes { get; set; } = Documents.DocumentFiles.DefaultMaxBytes;

    /// <summary>How often replicas compare the store revision in case a change notice was missed.</summary>
    public TimeSpan RevisionPollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
