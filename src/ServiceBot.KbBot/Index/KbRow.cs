namespace ServiceBot.KbBot.Index;

/// <summary>One indexed question: the standard question or a similar question of an FAQ entry.</summary>
/// <param name="Entry">Position of the entry in <see cref="KbSnapshot.Entries"/>.</param>
/// <param name="IsStandard">True for the standard question.</param>
/// <param name="Text">The question as written.</param>
/// <param name="Compact">Letters and digits of the normalized question, for surface features.</param>
/// <param name="Terms">The analyzer's content terms.</param>
/// <param name="Numbers">Digit runs in the question.</param>
internal sealed record KbRow(int Entry, bool IsStandard, string Text, string Compact, string[] Terms, IReadOnlyList<string> Numbers)
{
    /// <summary>The analyzer's normalized question: the form customers' questions are embedded in, so rows are embedded in it too.</summary>
    public string Normalized { get; init; } = Text;
}
