using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>
/// A local stand-in for the Bot Framework's OpenID metadata: serves the configuration document and a
/// JWKS with RSA keys generated here (with channel endorsements, as Bot Framework publishes them), and
/// signs tokens the way the channel does.
/// </summary>
public sealed class OpenIdServer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";

    private readonly List<SigningKey> _keys = [];
    private LoopbackHost? _host;
    private int _keyRequests;

    public Uri MetadataUrl => new(_host!.BaseAddress, ".well-known/openidconfiguration");

    /// <summary>How many times the JWKS was fetched.</summary>
    public int KeyRequests => Volatile.Read(ref _keyRequests);

    public static async Task<OpenIdServer> StartAsync(params string[] endorsements)
    {
        var server = new OpenIdServer();
        server.AddKey(endorsements.Length == 0 ? ["msteams", "webchat", "directline", "emulator"] : endorsements);
        server._host = await LoopbackHost.StartAsync(_ => { }, app =>
        {
            app.MapGet("/.well-known/openidconfiguration", (HttpContext http) => Results.Json(new
            {
                issuer = Issuer,
                authorization_endpoint = "https://invalid.example/authorize",
                jwks_uri = new Uri(server._host!.BaseAddress, "keys").AbsoluteUri,
                id_token_signing_alg_values_supported = new[] { "RS256" },
                token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
            }));
            app.MapGet("/keys", () =>
            {
                Interlocked.Increment(ref server._keyRequests);
                lock (server._keys)
                {
                    return Results.Text(new JsonObject { ["keys"] = new JsonArray([.. server._keys.Select(k => k.Jwk())]) }.ToJsonString(), "application/json");
                }
            });
        });
        return server;
    }

    /// <summary>Adds (publishes) a new signing key and returns its id; later tokens can be signed with it.</summary>
    public string AddKey(params string[] endorsements)
    {
        var key = new SigningKey("key-" + Guid.NewGuid().ToString("N")[..8], RSA.Create(2048), endorsements);
        lock (_keys)
        {
            _keys.Add(key);
        }

        return key.Id;
    }

    /// <summary>A channel token as Bot Framework issues it; every claim can be bent to test a refusal.</summary>
    public string CreateToken(
        string audience,
        string serviceUrl,
        string? keyId = null,
        string issuer = Issuer,
        DateTime? expires = null,
        DateTime? notBefore = null,
        bool signWithUnpublishedKey = false)
    {
        SigningKey key;
        lock (_keys)
        {
            key = keyId is null ? _keys[0] : _keys.Single(k => k.Id == keyId);
        }

        // A forged token: same key id, but signed by a key the metadata does not publish.
        var rsa = signWithUnpublishedKey ? RSA.Create(2048) : key.Rsa;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl), new Claim("appid", "channel-app")]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = key.Id }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        foreach (var key in _keys)
        {
            key.Rsa.Dispose();
        }
    }

    private sealed record SigningKey(string Id, RSA Rsa, string[] Endorsements)
    {
        public JsonObject Jwk()
        {
            var parameters = Rsa.ExportParameters(includePrivateParameters: false);
            return new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = Id,
                ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                ["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode)e)]),
            };
        }
    }
}
