namespace ServiceBot.Funnel.Guard;

/// <summary>Why the guard refused a message; the names are the reply keys of <c>funnel.guard.replies</c>.</summary>
internal static class GuardRefusal
{
    public const string Empty = "empty";
    public const string SymbolsOnly = "symbols-only";
    public const string TooLong = "too-long";
    public const string RateLimited = "rate-limited";
    public const string Flood = "flood";
}
