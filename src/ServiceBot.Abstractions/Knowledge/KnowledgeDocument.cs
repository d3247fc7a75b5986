namespace ServiceBot.Abstractions.Knowledge;

/// <summary>
/// A document of the knowledge base (a policy, a manual page) as its reader extracted it: plain text
/// with the positions of its headings. The KB-Bot splits it into chunks when it builds its indexes, so
/// a change of the chunk size applies without importing the document again.
/// </summary>
public sealed class KnowledgeDocument
{
    /// <summary>Unique within the bot: the file's path relative to the imported folder, or its file name.</summary>
    public string Id { get; set; } = "";

    /// <summary>The first top-level heading, or the file name when the document has none.</summary>
    public string Title { get; set; } = "";

    /// <summary><c>markdown</c>, <c>html</c>, <c>text</c> or <c>docx</c>.</summary>
    public string Format { get; set; } = "text";

    /// <summary>The extracted text: paragraphs separated by blank lines, without the heading lines.</summary>
    public string Text { get; set; } = "";

    /// <summary>Headings in text order; each starts a section at its <see cref="DocumentHeading.Offset"/> in <see cref="Text"/>.</summary>
    public List<DocumentHeading> Headings { get; set; } = [];

    /// <summary>Grows by one with every stored change; 0 before the document is first stored.</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
