using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Documents;

/// <summary>Plain text as it is: no headings, paragraphs where the author left blank lines.</summary>
internal static class PlainTextDocumentReader
{
    public static KnowledgeDocument Read(string id, string text, string fallbackTitle) => new()
    {
        Id = id,
        Title = fallbackTitle,
        Format = "text",
        Text = text.Trim(),
    };
}
