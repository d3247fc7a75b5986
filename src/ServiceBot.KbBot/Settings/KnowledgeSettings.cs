namespace ServiceBot.KbBot.Settings;

/// <summary>The <c>knowledge:</c> section of <c>bot.yaml</c>: where the bot's FAQ files and documents are.</summary>
internal sealed class KnowledgeSettings
{
    public const string Section = "knowledge";

    /// <summary>FAQ files (json, jsonl, csv, xlsx) that seed an empty knowledge store; relative to <c>bot.yaml</c>.</summary>
    public List<string> Faq { get; set; } = [];

    /// <summary>Document files or folders (md, html, txt, docx) chunked for QA recall and grounding.</summary>
    public List<string> Documents { get; set; } = [];

    public ChunkingSettings Chunking { get; set; } = new();
}
