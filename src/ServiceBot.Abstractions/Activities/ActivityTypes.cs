namespace ServiceBot.Abstractions.Activities;

/// <summary>Values of <see cref="Activity.Type"/> that ServiceBot handles.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string MessageReaction = "messageReaction";
    public const string Trace = "trace";
}
