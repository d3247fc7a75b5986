using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.Cors;

/// <summary>Fails start-up when an origin is not a bare <c>scheme://host[:port]</c> (a path or trailing slash never matches).</summary>
internal sealed class ChannelCorsOptionsValidator : IValidateOptions<ChannelCorsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelCorsOptions options)
    {
        var failures = new List<string>();
        foreach (var origin in options.Origins)
        {
            if (origin == "*")
            {
                continue;
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                failures.Add($"{ChannelCorsOptions.Section}:Origins entry '{origin}' must be an origin like https://shop.example.com (scheme, host, optional port; no path or trailing slash), or *.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
