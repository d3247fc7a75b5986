namespace ServiceBot.Abstractions.State;

/// <summary>Serialized conversation state and the version tag it was stored with.</summary>
public sealed record StoredState(ReadOnlyMemory<byte> Data, string ETag);
