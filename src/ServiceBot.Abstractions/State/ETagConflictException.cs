namespace ServiceBot.Abstractions.State;

/// <summary>A write lost an optimistic-concurrency race: the stored ETag was not the expected one.</summary>
public sealed class ETagConflictException : Exception
{
    public ETagConflictException(string key, string? expectedETag, string? actualETag)
        : base($"State '{key}' changed since it was read (expected ETag '{expectedETag ?? "<none>"}', found '{actualETag ?? "<none>"}').")
    {
        Key = key;
        ExpectedETag = expectedETag;
        ActualETag = actualETag;
    }

    public string Key { get; }

    public string? ExpectedETag { get; }

    public string? ActualETag { get; }
}
