namespace ServiceBot.Channels.BotFramework;

/// <summary>
/// Settings under <c>ServiceBot:BotFramework</c>: the Azure Bot registration that routes Microsoft
/// Teams (and Azure-hosted Web Chat) to <c>POST /api/messages</c>.
/// </summary>
/// <remarks>
/// The endpoint is served only when <see cref="AppId"/> is set, or when
/// <see cref="AllowUnauthenticated"/> is true for a local Bot Framework Emulator. Defaults are the
/// public Azure cloud's; sovereign clouds and single-tenant bots override the URLs.
/// </remarks>
public sealed class BotFrameworkOptions
{
    public const string Section = "ServiceBot:BotFramework";

    /// <summary>The Microsoft App ID of the Azure Bot; incoming tokens must carry it as their audience.</summary>
    public string? AppId { get; set; }

    /// <summary>The App ID's client secret, used to get the token that replies carry.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The bot (bots/&lt;id&gt;) that <c>/api/messages</c> serves; the server's default bot when unset. <c>/api/messages/{bot}</c> names one.</summary>
    public string? Bot { get; set; }

    /// <summary>Where the channel's signing keys are published.</summary>
    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>Issuers accepted on incoming tokens.</summary>
    public List<string> ValidIssuers { get; set; } = ["https://api.botframework.com"];

    /// <summary>Audience accepted on incoming tokens; <see cref="AppId"/> when unset.</summary>
    public string? Audience { get; set; }

    /// <summary>The OAuth token endpoint replies get their bearer token from (client credentials); a single-tenant bot uses its tenant's.</summary>
    public Uri TokenEndpoint { get; set; } = new("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");

    /// <summary>The scope asked for with client credentials.</summary>
    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Clock difference tolerated when checking token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the signing keys are re-read even when all keys are known.</summary>
    public TimeSpan KeysRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Least time between two key refreshes caused by an unknown key id (so forged tokens cannot hammer the metadata server).</summary>
    public TimeSpan KeysMinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Only for development over plain HTTP (a local metadata server); production metadata is HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Accepts activities without a token and sends replies without one: only for the Bot Framework
    /// Emulator on a developer machine, never in production.
    /// </summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>Largest activity accepted, in bytes.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Asks Teams to show its thumbs up/down under the bot's answers; the ratings go to the conversation log.</summary>
    public bool TeamsFeedback { get; set; } = true;

    /// <summary>True when the endpoint is served.</summary>
    internal bool IsEnabled => !string.IsNullOrWhiteSpace(AppId) || AllowUnauthenticated;

    internal string EffectiveAudience => string.IsNullOrWhiteSpace(Audience) ? AppId ?? "" : Audience;
}
