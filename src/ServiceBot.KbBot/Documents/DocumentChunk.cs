namespace ServiceBot.KbBot.Documents;

/// <summary>A passage of a document: the unit of QA recall and of grounding.</summary>
/// <param name="DocumentId">The document it comes from.</param>
/// <param name="DocumentTitle">That document's title.</param>
/// <param name="Ordinal">Its position among the document's chunks, from 0.</param>
/// <param name="HeadingPath">The headings above it, outermost first; empty before the first heading.</param>
/// <param name="Text">Exactly <c>document.Text[Start..End]</c>.</param>
/// <param name="Start">Offset of its first character in the document's text.</param>
/// <param name="End">Offset one past its last character.</param>
internal sealed record DocumentChunk(string DocumentId, string DocumentTitle, int Ordinal, IReadOnlyList<string> HeadingPath, string Text, int Start, int End)
{
    /// <summary>The citable id, <c>document#ordinal</c>.</summary>
    /// <summary>What a reader sees above the text: the heading path, or the document title before its first heading.</summary>
    public string Title => HeadingPath.Count == 0 ? DocumentTitle : string.Join(" › ", HeadingPath);

    public string Id => DocumentId + "#" + Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
