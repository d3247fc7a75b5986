namespace ServiceBot.Abstractions.Bots;

/// <summary>
/// A component that prepares per-bot runtime data when a bot loads: builds indexes, trains a model,
/// compiles word lists. Runs before the server reports ready.
/// </summary>
/// <remarks>
/// Throw <see cref="BotDefinitionException"/> for bad content so the error names the file; the bot
/// then does not load and readiness reports why.
/// </remarks>
public interface IBotInitializer
{
    /// <summary>Name in logs and readiness output.</summary>
    string Name { get; }

    ValueTask InitializeAsync(BotDefinition bot, CancellationToken cancellationToken);
}
