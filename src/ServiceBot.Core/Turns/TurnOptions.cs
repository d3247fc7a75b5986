using System.ComponentModel.DataAnnotations;

namespace ServiceBot.Core.Turns;

/// <summary>Settings of the turn processor under <c>ServiceBot:Turns</c>.</summary>
public sealed class TurnOptions
{
    public const string Section = "ServiceBot:Turns";

    /// <summary>How long a turn waits for an earlier turn of the same conversation to finish.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a conversation lock lives if its holder dies without releasing it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan LockLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Conversation state expires after this long without a turn.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan StateTimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many past exchanges the state keeps for follow-ups and query rewriting.</summary>
    [Range(0, 100)]
    public int RecentTurns { get; set; } = 10;

    /// <summary>How often a turn that lost an ETag race (and had no side effects) is run again on fresh state.</summary>
    [Range(0, 10)]
    public int ConflictRetries { get; set; } = 2;
}
