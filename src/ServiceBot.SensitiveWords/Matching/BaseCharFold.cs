namespace ServiceBot.SensitiveWords.Matching;

/// <summary>
/// Case folding for the prompt-injection screen, which reads rules and text in lower case but needs
/// none of the sensitive-word matcher's variant folding.
/// </summary>
internal static class BaseCharFold
{
    public static char Fold(char c) => char.ToLowerInvariant(c);
}
