namespace ServiceBot.Abstractions.Knowledge;

/// <summary>An FAQ entry was saved by someone else since the caller read it.</summary>
public sealed class KnowledgeConflictException : Exception
{
    public KnowledgeConflictException(string id, long? expectedVersion, long? actualVersion)
        : base($"FAQ '{id}' is at version {actualVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<none>"}, not {expectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<none>"}; reload it and apply the change again.")
    {
        Id = id;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    public string Id { get; }

    public long? ExpectedVersion { get; }

    public long? ActualVersion { get; }
}
