namespace ServiceBot.SensitiveWords.Matching;

/// <summary>Receives the matches of a <see cref="WordAutomaton"/> scan, in the order their ends are reached.</summary>
/// <remarks>Implemented by structs so the scan loop is specialized for each sink and the call inlines.</remarks>
internal interface IMatchSink
{
    /// <summary>Called for each match whose end the scan has reached.</summary>
    /// <param name="patternId">Index of the pattern in <see cref="WordAutomaton.Patterns"/>.</param>
    /// <param name="start">Start of the match in the scanned text (UTF-16 index of its first character).</param>
    /// <param name="length">Length in the scanned text, noise and repeated characters inside included.</param>
    void OnMatch(int patternId, int start, int length);
}
