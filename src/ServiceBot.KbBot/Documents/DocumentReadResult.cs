using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Documents;

/// <summary>What reading a set of document files found: the documents, the files that failed, and files a folder held that are not documents.</summary>
public sealed class DocumentReadResult
{
    public List<KnowledgeDocument> Documents { get; } = [];

    /// <summary>One per file that could not be read; when any is present nothing should be stored.</summary>
    public List<DocumentReadException> Errors { get; } = [];

    /// <summary>Files inside a listed folder whose extension is not a document format.</summary>
    public List<string> Skipped { get; } = [];

    public bool HasErrors => Errors.Count > 0;
}
