using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ServiceBot.Channels.BotFramework;

/// <summary>
/// Validates the JWT a Bot Framework channel puts on every request to <c>/api/messages</c>: signed
/// by a key from the channel's OpenID metadata, issued by a configured issuer, for this bot's App
/// ID, within its lifetime.
/// </summary>
/// <remarks>
/// Keys are cached and re-read on a schedule; a token signed with an unknown key id triggers one
/// early refresh (rate-limited by <see cref="BotFrameworkOptions.KeysMinimumRefreshInterval"/>), so a
/// key rotation is picked up at once while forged key ids cannot hammer the metadata server.
/// Thread-safe.
/// </remarks>
internal sealed partial class BotFrameworkAuthenticator
{
    public const string HttpClientName = "ServiceBot.Channels.BotFramework.Metadata";

    private readonly BotFrameworkOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<BotFrameworkAuthenticator> _logger;

    public BotFrameworkAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, ILogger<BotFrameworkAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = _options.RequireHttpsMetadata };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(_options.OpenIdMetadataUrl.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = _options.KeysRefreshInterval,
            RefreshInterval = _options.KeysMinimumRefreshInterval,
        };
    }

    /// <summary>
    /// Validates the <c>Authorization</c> header's bearer token. Returns null (after logging why at
    /// Information level, without the token) when it is missing or invalid.
    /// </summary>
    public async Task<BotFrameworkIdentity?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
        {
            LogRejected(_logger, "no bearer token");
            return null;
        }

        var token = authorization[7..].Trim();
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // The metadata server is unreachable and no keys were ever loaded: nothing can be verified.
            LogMetadataUnavailable(_logger, e, _options.OpenIdMetadataUrl);
            return null;
        }

        var result = await ValidateAsync(token, configuration).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            _metadata.RequestRefresh();
            configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            result = await ValidateAsync(token, configuration).ConfigureAwait(false);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            LogRejected(_logger, result.Exception?.GetType().Name ?? "invalid token");
            return null;
        }

        var serviceUrl = jwt.TryGetPayloadValue<string>("serviceurl", out var url) ? url : null;
        return new BotFrameworkIdentity(serviceUrl, Endorsements(configuration, jwt.Kid));
    }

    private Task<TokenValidationResult> ValidateAsync(string token, OpenIdConnectConfiguration configuration) =>
        _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = _options.ValidIssuers,
            ValidAudience = _options.EffectiveAudience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = _options.ClockSkew,
        });

    // Bot Framework's keys list the channels each key may sign for ("endorsements"); a key endorsed
    // for Web Chat must not vouch for an activity claiming to come from Teams.
    private static string[] Endorsements(OpenIdConnectConfiguration configuration, string? keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value) || value is null)
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            string single => [single],
            IEnumerable items => [.. items.Cast<object?>().Select(i => i?.ToString()).OfType<string>()],
            _ => [],
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A Bot Framework request was refused: {Reason}.")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Bot Framework signing keys at {MetadataUrl} cannot be read; requests are refused until they can.")]
    private static partial void LogMetadataUnavailable(ILogger logger, Exception exception, Uri metadataUrl);
}
