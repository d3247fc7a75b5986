namespace ServiceBot.Abstractions.Knowledge;

/// <summary>A heading of a <see cref="KnowledgeDocument"/>.</summary>
/// <param name="Offset">Where its section starts in <see cref="KnowledgeDocument.Text"/>.</param>
/// <param name="Level">1 for a top-level heading (<c>#</c>, <c>h1</c>, Heading 1) to 6.</param>
/// <param name="Title">The heading's text.</param>
public sealed record DocumentHeading(int Offset, int Level, string Title);
