using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.Slack;

/// <summary>
/// Checks Slack's request signature (version <c>v0</c>): HMAC-SHA256, keyed with the signing secret, of
/// <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c>, sent hex-encoded in <c>X-Slack-Signature</c>.
/// </summary>
/// <remarks>
/// A request whose timestamp is outside the replay window is refused even when correctly signed, so a
/// captured request cannot be replayed later. Comparison takes constant time. Thread-safe.
/// </remarks>
internal sealed class SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.SigningSecret ?? "");
    private readonly TimeSpan _window = options.Value.ReplayWindow;

    /// <summary>Why the request is refused, or null when it is authentic and fresh.</summary>
    public string? Check(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (_secret.Length == 0)
        {
            return "no signing secret is configured";
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return "the X-Slack-Request-Timestamp or X-Slack-Signature header is missing";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "the timestamp is not a number";
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
        if (age.Duration() > _window)
        {
            return "the timestamp is outside the replay window";
        }

        return Matches(timestamp, signature, body) ? null : "the signature does not match";
    }

    /// <summary>True when <paramref name="signature"/> is the <c>v0=</c> signature of the timestamp and body (no time check).</summary>
    public bool Matches(string timestamp, string signature, ReadOnlySpan<byte> body)
    {
        if (!signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 3 + 64)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Sign(timestamp, body, expected);
        Span<byte> given = stackalloc byte[32];
        return Convert.FromHexString(signature.AsSpan(3), given, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32
            && CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private void Sign(string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData("v0:"u8);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp));
        hmac.AppendData(":"u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
