using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Activities;

/// <summary>
/// A Bot Framework activity: the one message shape every channel is translated to and from.
/// </summary>
/// <remarks>
/// Property names and JSON names follow the Bot Framework Activity schema
/// (https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md)
/// so that activities round-trip unchanged through Direct Line and <c>/api/messages</c>.
/// Fields the schema defines but ServiceBot does not read are kept in <see cref="Properties"/>
/// so nothing a channel sends is lost. Instances are not thread-safe; a turn owns its activities.
/// </remarks>
public sealed class Activity
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = ActivityTypes.Message;

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("timestamp")]
    public DateTimeOffset? Timestamp { get; set; }

    [JsonPropertyName("localTimestamp")]
    public DateTimeOffset? LocalTimestamp { get; set; }

    [JsonPropertyName("localTimezone")]
    public string? LocalTimezone { get; set; }

    [JsonPropertyName("serviceUrl")]
    public string? ServiceUrl { get; set; }

    [JsonPropertyName("channelId")]
    public string? ChannelId { get; set; }

    [JsonPropertyName("from")]
    public ChannelAccount? From { get; set; }

    [JsonPropertyName("recipient")]
    public ChannelAccount? Recipient { get; set; }

    [JsonPropertyName("conversation")]
    public ConversationAccount? Conversation { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary><c>plain</c>, <c>markdown</c> or <c>xml</c>; see <see cref="TextFormats"/>.</summary>
    [JsonPropertyName("textFormat")]
    public string? TextFormat { get; set; }

    [JsonPropertyName("locale")]
    public string? Locale { get; set; }

    [JsonPropertyName("speak")]
    public string? Speak { get; set; }

    [JsonPropertyName("inputHint")]
    public string? InputHint { get; set; }

    [JsonPropertyName("summary")]
    public string? Summary { get; set; }

    [JsonPropertyName("attachments")]
    public List<Attachment>? Attachments { get; set; }

    [JsonPropertyName("attachmentLayout")]
    public string? AttachmentLayout { get; set; }

    [JsonPropertyName("suggestedActions")]
    public SuggestedActions? SuggestedActions { get; set; }

    /// <summary>Structured payload, e.g. the data of a card button the user clicked.</summary>
    [JsonPropertyName("value")]
    public JsonElement? Value { get; set; }

    [JsonPropertyName("valueType")]
    public string? ValueType { get; set; }

    /// <summary>Name of an <c>event</c> or <c>invoke</c> activity.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("replyToId")]
    public string? ReplyToId { get; set; }

    [JsonPropertyName("channelData")]
    public JsonElement? ChannelData { get; set; }

    [JsonPropertyName("entities")]
    public List<Entity>? Entities { get; set; }

    [JsonPropertyName("membersAdded")]
    public List<ChannelAccount>? MembersAdded { get; set; }

    [JsonPropertyName("membersRemoved")]
    public List<ChannelAccount>? MembersRemoved { get; set; }

    /// <summary>Reason an <c>endOfConversation</c> activity was sent.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    /// <summary>Schema fields ServiceBot does not model, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>
    /// Creates a message activity addressed back to the sender of this one, in the same
    /// conversation, with <see cref="ReplyToId"/> set.
    /// </summary>
    public Activity CreateReply(string? text = null, string? locale = null) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = "bot" },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, Role = From.Role },
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, Name = Conversation.Name, IsGroup = Conversation.IsGroup, TenantId = Conversation.TenantId, ConversationType = Conversation.ConversationType },
        ReplyToId = Id,
        Text = text,
        TextFormat = TextFormats.Plain,
        Locale = locale ?? Locale,
    };
}
