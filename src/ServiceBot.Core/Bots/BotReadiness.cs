using System.Collections.Concurrent;

namespace ServiceBot.Core.Bots;

/// <summary>Which bots have finished loading (indexes built, models trained), and why others failed.</summary>
/// <remarks>Thread-safe; read by the readiness endpoint and the turn processor.</remarks>
public sealed class BotReadiness
{
    private readonly ConcurrentDictionary<string, BotStatus> _status = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when every bot finished loading without error.</summary>
    public bool AllReady => !_status.IsEmpty && _status.Values.All(s => s.State == BotLoadState.Ready);

    public IReadOnlyDictionary<string, BotStatus> Status => _status;

    public bool IsReady(string botId) => _status.TryGetValue(botId, out var s) && s.State == BotLoadState.Ready;

    internal void Set(string botId, BotStatus status) => _status[botId] = status;
}
