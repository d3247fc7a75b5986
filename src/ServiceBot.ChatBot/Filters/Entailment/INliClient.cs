namespace ServiceBot.ChatBot.Filters.Entailment;

/// <summary>Classifies [premise, hypothesis] pairs with an NLI model behind an HTTP endpoint.</summary>
/// <remarks>Thread-safe; one per process.</remarks>
internal interface INliClient
{
    /// <summary>False when no endpoint is configured: callers skip the check and make no call.</summary>
    bool IsConfigured { get; }

    /// <summary>One prediction per pair, in order.</summary>
    /// <exception cref="NliUnavailableException">Timeout, unreachable server, error status or malformed answer.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">No endpoint is configured.</exception>
    Task<IReadOnlyList<NliPrediction>> PredictAsync(IReadOnlyList<NliPair> pairs, CancellationToken cancellationToken);
}
