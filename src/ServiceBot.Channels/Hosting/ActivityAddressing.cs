using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Channels.Hosting;

/// <summary>Fills in who a reply is from and to, and where it goes, from the activity it answers.</summary>
internal static class ActivityAddressing
{
    /// <summary>Sets the reply's channel, service URL, conversation, sender (the bot), recipient (the customer) and replyToId where the turn left them empty.</summary>
    public static Activity AddressReply(Activity reply, Activity incoming)
    {
        reply.ChannelId ??= incoming.ChannelId;
        reply.ServiceUrl ??= incoming.ServiceUrl;
        reply.Conversation ??= incoming.Conversation is { } conversation
            ? new ConversationAccount { Id = conversation.Id, Name = conversation.Name, IsGroup = conversation.IsGroup, ConversationType = conversation.ConversationType, TenantId = conversation.TenantId }
            : null;
        reply.From ??= incoming.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name, Role = "bot" } : null;
        reply.Recipient ??= incoming.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name, Role = user.Role ?? "user", AadObjectId = user.AadObjectId } : null;
        reply.ReplyToId ??= incoming.Id;
        reply.Timestamp ??= DateTimeOffset.UtcNow;
        return reply;
    }

    /// <summary>A typing indicator from the bot to the customer in <paramref name="incoming"/>'s conversation.</summary>
    public static Activity Typing(Activity incoming) => AddressReply(new Activity { Type = ActivityTypes.Typing }, incoming);
}
