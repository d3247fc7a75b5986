namespace ServiceBot.Abstractions.State;

/// <summary>A conversation's lock stayed held by another turn for longer than the caller would wait.</summary>
public sealed class ConversationLockTimeoutException : Exception
{
    public ConversationLockTimeoutException(string key, TimeSpan waited)
        : base($"Conversation '{key}' is busy with another turn (waited {waited.TotalMilliseconds:0} ms).")
    {
        Key = key;
    }

    public string Key { get; }
}
