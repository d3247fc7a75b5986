using System.Text.Json;

namespace ServiceBot.Server.Endpoints;

/// <summary>Body of <c>POST /api/turns</c>: one customer message.</summary>
public sealed class TurnApiRequest
{
    /// <summary>The bot to talk to; the server's default bot when omitted.</summary>
    public string? BotId { get; set; }

    /// <summary>Identifies the conversation; state and history are kept per conversation. Required.</summary>
    public string? ConversationId { get; set; }

    /// <summary>Identifies the customer. Required.</summary>
    public string? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>What the customer typed. Required unless <see cref="Value"/> carries a button's data.</summary>
    public string? Text { get; set; }

    /// <summary>BCP-47 locale of the client, e.g. <c>zh-CN</c>.</summary>
    public string? Locale { get; set; }

    /// <summary>IANA time zone of the customer, e.g. <c>Asia/Shanghai</c>, for dates such as "明天".</summary>
    public string? Timezone { get; set; }

    /// <summary>Channel name recorded in the log; <c>api</c> when omitted.</summary>
    public string? ChannelId { get; set; }

    /// <summary>Structured data from a clicked card button.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>When true, the response includes the turn's trace.</summary>
    public bool Trace { get; set; }
}
