namespace ServiceBot.Abstractions.Turns;

/// <summary>The rest of the pipeline after the current stage.</summary>
public delegate ValueTask TurnDelegate(TurnContext turn, CancellationToken cancellationToken);
