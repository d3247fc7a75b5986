namespace ServiceBot.Channels.DirectLine;

/// <summary>
/// Settings under <c>ServiceBot:DirectLine</c>: the Direct Line 3.0-compatible endpoints that
/// Microsoft's Web Chat and the ServiceBot widget connect to.
/// </summary>
public sealed class DirectLineOptions
{
    public const string Section = "ServiceBot:DirectLine";

    /// <summary>
    /// The secret a site's back end exchanges for conversation tokens (<c>Authorization: Bearer SECRET</c>).
    /// Tokens are signed with a key derived from it, so every replica given the same secret accepts
    /// the same tokens. Unset: secret requests are refused and tokens are signed with a per-process key.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a conversation token is valid; clients refresh it before then.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The bot conversations talk to; the server's default bot when unset. The widget token endpoint may name another.</summary>
    public string? Bot { get; set; }

    /// <summary>
    /// Public base URL of this server (e.g. <c>https://bot.example.com</c>) used to build stream URLs
    /// when a proxy hides it; taken from the request when unset.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Most activities returned by one <c>GET …/activities</c>; clients page with the watermark.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Largest activity a client may post, in bytes of JSON (the hosted service allows 300,000 characters).</summary>
    public int MaxActivityBytes { get; set; } = 300_000;

    /// <summary>Activities kept per conversation for paging and reconnects; older ones are dropped.</summary>
    public int HistoryLimit { get; set; } = 1_000;

    /// <summary>A conversation with no activity for this long is forgotten.</summary>
    public TimeSpan ConversationRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most conversations kept in memory; the longest idle ones are forgotten first when it is reached.</summary>
    public int MaxConversations { get; set; } = 100_000;

    /// <summary>How often an idle WebSocket stream gets an empty message, so proxies keep it open.</summary>
    public TimeSpan StreamKeepAlive { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Serves <c>POST /api/widget/token</c>, which gives any visitor of an allowed origin a token for a
    /// new conversation without the secret: what an embedded widget on a public site needs.
    /// </summary>
    public bool AnonymousTokens { get; set; } = true;

    /// <summary>Anonymous tokens one client address may take per minute; more are refused with 429.</summary>
    public int AnonymousTokensPerMinute { get; set; } = 30;
}
