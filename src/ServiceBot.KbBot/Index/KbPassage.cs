namespace ServiceBot.KbBot.Index;

/// <summary>One document of the QA index: an FAQ answer or a document chunk.</summary>
/// <param name="Kind"><c>faq</c> or <c>doc</c>.</param>
/// <param name="SourceId">The FAQ id, or the chunk id (<c>document#ordinal</c>).</param>
/// <param name="Title">The FAQ's standard question, or the chunk's heading path.</param>
/// <param name="Text">The answer as plain text, or the chunk text.</param>
/// <param name="Entry">The entry's position in the snapshot for an FAQ answer; -1 for a chunk.</param>
internal sealed record KbPassage(string Kind, string SourceId, string Title, string Text, int Entry)
{
    public const string FaqKind = "faq";
    public const string DocumentKind = "doc";
}
