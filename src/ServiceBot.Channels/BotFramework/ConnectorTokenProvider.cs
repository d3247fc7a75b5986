using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.BotFramework;

/// <summary>
/// Gets the bearer token replies to a channel's <c>serviceUrl</c> carry, by OAuth client credentials
/// (the bot's App ID and password), and reuses it until shortly before it expires.
/// </summary>
/// <remarks>Thread-safe; concurrent callers share one token request.</remarks>
internal sealed class ConnectorTokenProvider(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, TimeProvider time) : IDisposable
{
    public const string HttpClientName = "ServiceBot.Channels.BotFramework.Token";

    // Renew this long before expiry so a token never lapses between being read and being used.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly BotFrameworkOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Expires)? _current;

    /// <summary>
    /// The current token, or null when no App ID is configured (the Emulator takes unauthenticated replies).
    /// </summary>
    /// <exception cref="ConnectorException">The token endpoint refused the credentials or could not be reached.</exception>
    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.AppId))
        {
            return null;
        }

        if (_current is { } fresh && fresh.Expires - RenewBefore > time.GetUtcNow())
        {
            return fresh.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } renewed && renewed.Expires - RenewBefore > time.GetUtcNow())
            {
                return renewed.Token;
            }

            var token = await RequestAsync(cancellationToken).ConfigureAwait(false);
            _current = token;
            return token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token, e.g. after the connector rejected it.</summary>
    public void Invalidate() => _current = null;

    public void Dispose() => _gate.Dispose();

    private async Task<(string Token, DateTimeOffset Expires)> RequestAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _options.AppId!,
            ["client_secret"] = _options.AppPassword ?? "",
            ["scope"] = _options.TokenScope,
        });
        var client = httpClients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(_options.TokenEndpoint, form, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ConnectorException($"The token endpoint {_options.TokenEndpoint} cannot be reached: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ConnectorException($"The token endpoint {_options.TokenEndpoint} refused the bot's credentials ({(int)response.StatusCode}); check {BotFrameworkOptions.Section}:AppId and AppPassword.");
            }

            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
            if (body?.AccessToken is not { Length: > 0 } accessToken)
            {
                throw new ConnectorException($"The token endpoint {_options.TokenEndpoint} answered without an access_token.");
            }

            return (accessToken, time.GetUtcNow().AddSeconds(Math.Max(body.ExpiresIn, 60)));
        }
    }

    private sealed class TokenResponse
    {
        [JsonPropertyName("access_token")]
        public string? AccessToken { get; set; }

        [JsonPropertyName("expires_in")]
        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
        public int ExpiresIn { get; set; }
    }
}
