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
/// Keys are cached and re-read every <see cref="BotFrameworkOptions.KeysRefreshInterval"/>; a token
/// signed with an unknown key id triggers an early read (at most once per
/// <see cref="BotFrameworkOptions.KeysMinimumRefreshInterval"/>), so a key rotation is picked up at
/// once while forged key ids cannot hammer the metadata server. If the metadata server is down, the
/// keys already read stay in use. Thread-safe.
/// </remarks>
internal sealed partial class BotFrameworkAuthenticator : IDisposable
{
    public const string HttpClientName = "ServiceBot.Channels.BotFramework.Metadata";

    private readonly BotFrameworkOptions _options;
    private readonly HttpDocumentRetriever _retriever;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly TimeProvider _time;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private volatile Keys? _keys;

    public BotFrameworkAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<BotFrameworkAuthenticator> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = _options.RequireHttpsMetadata };
    }

    public void Dispose() => _refreshing.Dispose();

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
        var configuration = await ConfigurationAsync(unknownKey: false, cancellationToken).ConfigureAwait(false);
        if (configuration is null)
        {
            return null;
        }

        var result = await ValidateAsync(token, configuration).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException
            && await ConfigurationAsync(unknownKey: true, cancellationToken).ConfigureAwait(false) is { } refreshed && !ReferenceEquals(refreshed, configuration))
        {
            configuration = refreshed;
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

    // The keys, read when first needed, again after KeysRefreshInterval, and early (at most once per
    // KeysMinimumRefreshInterval) when a token names a key id they lack. A failed read keeps the old keys.
    private async Task<OpenIdConnectConfiguration?> ConfigurationAsync(bool unknownKey, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var current = _keys;
        if (current is not null && !Due(current, now, unknownKey))
        {
            return current.Configuration;
        }

        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _keys;
            if (current is not null && !Due(current, _time.GetUtcNow(), unknownKey))
            {
                return current.Configuration;
            }

            try
            {
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(_options.OpenIdMetadataUrl.AbsoluteUri, _retriever, cancellationToken).ConfigureAwait(false);
                _keys = new Keys(configuration, _time.GetUtcNow());
                return configuration;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or HttpRequestException or ArgumentException or System.Text.Json.JsonException)
            {
                LogMetadataUnavailable(_logger, e, _options.OpenIdMetadataUrl);
                if (current is not null)
                {
                    // Keep serving with the keys we have; try again after the minimum interval.
                    _keys = current with { ReadAt = _time.GetUtcNow() - _options.KeysRefreshInterval + _options.KeysMinimumRefreshInterval };
                }

                return current?.Configuration;
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private bool Due(Keys keys, DateTimeOffset now, bool unknownKey) =>
        now - keys.ReadAt >= (unknownKey ? _options.KeysMinimumRefreshInterval : _options.KeysRefreshInterval);

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

    private sealed record Keys(OpenIdConnectConfiguration Configuration, DateTimeOffset ReadAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "A Bot Framework request was refused: {Reason}.")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Bot Framework signing keys at {MetadataUrl} cannot be read; the keys already known stay in use, and without any, requests are refused.")]
    private static partial void LogMetadataUnavailable(ILogger logger, Exception exception, Uri metadataUrl);
}
