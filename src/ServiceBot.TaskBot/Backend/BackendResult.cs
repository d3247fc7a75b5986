using System.Text.Json;

namespace ServiceBot.TaskBot.Backend;

/// <summary>The outcome of one action call.</summary>
public sealed record BackendResult(BackendStatus Status, JsonElement? Body, string? Message);
