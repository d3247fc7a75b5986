using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.DirectLine;

/// <summary>
/// Issues and checks Direct Line conversation tokens. A token is a signed, self-contained grant
/// (<c>dl1.&lt;payload&gt;.&lt;HMAC-SHA256&gt;</c>) naming one conversation and one user, so any replica holding
/// the same secret can check it without shared storage.
/// </summary>
/// <remarks>Thread-safe. Comparisons of secrets and signatures take constant time.</remarks>
internal sealed class DirectLineTokenService
{
    private const string Prefix = "dl1.";
    private static readonly byte[] KeyLabel = "ServiceBot Direct Line token signing v1"u8.ToArray();

    private readonly byte[] _key;
    private readonly byte[]? _secret;
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _secret = string.IsNullOrEmpty(_options.Secret) ? null : Encoding.UTF8.GetBytes(_options.Secret);

        // Derived rather than the secret itself, so a leaked signing key does not reveal the secret.
        _key = _secret is null ? RandomNumberGenerator.GetBytes(32) : HMACSHA256.HashData(_secret, KeyLabel);
    }

    /// <summary>Token lifetime in whole seconds, as <c>expires_in</c> reports it.</summary>
    public int LifetimeSeconds => (int)_options.TokenLifetime.TotalSeconds;

    /// <summary>A new token for <paramref name="conversationId"/> as <paramref name="userId"/>.</summary>
    public string Issue(string conversationId, string userId, string? userName, string? botId)
    {
        var grant = new DirectLineToken
        {
            ConversationId = conversationId,
            UserId = userId,
            UserName = userName,
            BotId = botId,
            ExpiresAt = _time.GetUtcNow().Add(_options.TokenLifetime).ToUnixTimeSeconds(),
            Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9)),
        };
        var payload = Prefix + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(grant));
        return payload + "." + Base64Url.EncodeToString(Sign(payload));
    }

    /// <summary>Reads an <c>Authorization</c> bearer credential (or a stream URL's <c>t</c>): the secret, a token, or neither.</summary>
    public DirectLineTokenStatus Read(string? credential, out DirectLineToken? grant)
    {
        grant = null;
        if (string.IsNullOrEmpty(credential))
        {
            return DirectLineTokenStatus.Invalid;
        }

        if (_secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), _secret))
        {
            return DirectLineTokenStatus.Secret;
        }

        if (!credential.StartsWith(Prefix, StringComparison.Ordinal) || credential.Length > 4096)
        {
            return DirectLineTokenStatus.Invalid;
        }

        var dot = credential.LastIndexOf('.');
        if (dot <= Prefix.Length)
        {
            return DirectLineTokenStatus.Invalid;
        }

        var payload = credential[..dot];
        Span<byte> signature = stackalloc byte[64];
        if (!Base64Url.TryDecodeFromChars(credential.AsSpan(dot + 1), signature, out var length) || length != 32
            || !CryptographicOperations.FixedTimeEquals(signature[..length], Sign(payload)))
        {
            return DirectLineTokenStatus.Invalid;
        }

        try
        {
            grant = JsonSerializer.Deserialize<DirectLineToken>(Base64Url.DecodeFromChars(payload.AsSpan(Prefix.Length)));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return DirectLineTokenStatus.Invalid;
        }

        if (grant is null || grant.ConversationId.Length == 0 || grant.UserId.Length == 0)
        {
            grant = null;
            return DirectLineTokenStatus.Invalid;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() >= grant.ExpiresAt ? DirectLineTokenStatus.Expired : DirectLineTokenStatus.Valid;
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));
}
