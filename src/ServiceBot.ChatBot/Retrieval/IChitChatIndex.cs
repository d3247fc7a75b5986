using ServiceBot.Abstractions.Text;

namespace ServiceBot.ChatBot.Retrieval;

/// <summary>
/// Search over a chit-chat corpus. The seam where the shared recall machinery of
/// <c>ServiceBot.Retrieval</c> plugs in: swapping the implementation is one file.
/// </summary>
/// <remarks>Immutable once built; thread-safe.</remarks>
internal interface IChitChatIndex
{
    /// <summary>Number of corpus questions indexed.</summary>
    int Count { get; }

    /// <summary>Every indexed corpus question, as written.</summary>
    IEnumerable<string> Questions { get; }

    /// <summary>The best-matching questions for <paramref name="query"/> in <paramref name="locale"/>, most similar first.</summary>
    IReadOnlyList<ChitChatHit> Search(AnalyzedUtterance query, string locale, int candidates);

    /// <summary>The similarity measure of <see cref="Search"/> between a query and any other analyzed text (a KB question).</summary>
    double Similarity(AnalyzedUtterance query, AnalyzedUtterance other);
}
