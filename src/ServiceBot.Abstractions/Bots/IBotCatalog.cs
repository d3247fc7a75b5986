using System.Diagnostics.CodeAnalysis;

namespace ServiceBot.Abstractions.Bots;

/// <summary>The bots this server hosts, loaded from <c>bots/*/bot.yaml</c>.</summary>
/// <remarks>Thread-safe.</remarks>
public interface IBotCatalog
{
    /// <summary>The bot used when a request names none.</summary>
    BotDefinition Default { get; }

    IReadOnlyList<BotDefinition> All { get; }

    /// <summary>Finds a bot by id (case-insensitive).</summary>
    bool TryGet(string id, [MaybeNullWhen(false)] out BotDefinition bot);
}
