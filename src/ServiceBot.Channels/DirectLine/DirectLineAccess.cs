namespace ServiceBot.Channels.DirectLine;

/// <summary>A request's right to a conversation: through the secret (any conversation) or a token (its own).</summary>
internal sealed record DirectLineAccess(DirectLineConversation Conversation, DirectLineToken? Grant)
{
    public bool IsSecret => Grant is null;
}
