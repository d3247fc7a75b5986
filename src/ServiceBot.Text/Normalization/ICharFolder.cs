namespace ServiceBot.Text.Normalization;

/// <summary>
/// Folds one character to the form text analysis compares in: full-width to half-width, compatibility
/// forms to their plain character (①→1, ｶ→カ, ⼀→一), upper to lower case, traditional to simplified
/// Chinese (character by character, following OpenCC), every kind of whitespace to a space.
/// </summary>
/// <remarks>
/// O(1): one lookup in a prebuilt table, so automata (e.g. the sensitive-word matcher) can fold their
/// patterns and the text the same way as they scan. Thread-safe. Returns <c>'\0'</c> for characters that
/// normalization removes (control characters, zero-width and other invisible format characters,
/// variation selectors) so that callers can skip them; surrogate halves come back unchanged.
/// Folding is idempotent: <c>Fold(Fold(c)) == Fold(c)</c>.
/// </remarks>
public interface ICharFolder
{
    char Fold(char c);
}
