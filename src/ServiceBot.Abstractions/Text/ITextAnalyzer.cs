namespace ServiceBot.Abstractions.Text;

/// <summary>
/// Normalizes and segments text once per turn; the result is shared by every later layer so that
/// nothing segments twice. Also used to index knowledge, intents and word lists, so that queries and
/// indexes see the same tokens.
/// </summary>
/// <remarks>Implementations are thread-safe, CPU-only and never throw for any input string.</remarks>
public interface ITextAnalyzer
{
    /// <summary>Normalizes (width, case, script, spaces) and segments <paramref name="text"/>.</summary>
    AnalyzedUtterance Analyze(string text);
}
