namespace ServiceBot.Abstractions.Retrieval;

/// <summary>A passage of knowledge recalled for a query.</summary>
/// <param name="SourceId">Citable id: an FAQ id, or a document id with its chunk number.</param>
/// <param name="Kind"><c>faq</c> or <c>chunk</c>.</param>
/// <param name="Title">The FAQ's standard question, or the chunk's heading path.</param>
/// <param name="Text">The answer or chunk text.</param>
/// <param name="Score">Relevance; higher is better, comparable within one result list only.</param>
public sealed record RetrievedPassage(string SourceId, string Kind, string Title, string Text, double Score);
