using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Funnel.Guard;

/// <summary>The <c>funnel.guard</c> section of bot.yaml.</summary>
internal sealed class GuardSettings
{
    /// <summary>Longest message accepted, in UTF-16 characters after trimming.</summary>
    public int MaxChars { get; set; } = 2000;

    /// <summary>Messages per conversation in <see cref="RateWindowSeconds"/>; 0 turns the limit off.</summary>
    public int RateLimit { get; set; } = 20;

    /// <summary>Messages per user id across all their conversations in <see cref="RateWindowSeconds"/>; 0 (the default) turns it off, because some channels share one user id among many people.</summary>
    public int UserRateLimit { get; set; }

    public double RateWindowSeconds { get; set; } = 60;

    /// <summary>How many times the same message may arrive in <see cref="FloodWindowSeconds"/> before it is refused as a flood; 0 turns flood detection off.</summary>
    public int FloodRepeats { get; set; } = 3;

    public double FloodWindowSeconds { get; set; } = 60;

    /// <summary>Replies by reason (empty, symbols-only, too-long, rate-limited, flood); missing ones come from the built-in defaults.</summary>
    public Dictionary<string, LocalizedText> Replies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
