using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.DirectLine;

/// <summary>Fails start-up with a message naming the setting when the Direct Line settings cannot work.</summary>
internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var failures = new List<string>();
        if (options.Secret is { Length: > 0 and < 16 })
        {
            failures.Add($"{DirectLineOptions.Section}:Secret must be at least 16 characters long (tokens are signed with a key derived from it).");
        }

        if (options.TokenLifetime < TimeSpan.FromMinutes(1) || options.TokenLifetime > TimeSpan.FromDays(1))
        {
            failures.Add($"{DirectLineOptions.Section}:TokenLifetime must be between 1 minute and 1 day.");
        }

        if (options.PublicBaseUrl is { IsAbsoluteUri: false } || (options.PublicBaseUrl is { } url && url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{DirectLineOptions.Section}:PublicBaseUrl must be an absolute http(s) URL.");
        }

        if (options.PageSize is < 1 or > 1_000)
        {
            failures.Add($"{DirectLineOptions.Section}:PageSize must be between 1 and 1000.");
        }

        if (options.HistoryLimit < options.PageSize)
        {
            failures.Add($"{DirectLineOptions.Section}:HistoryLimit must be at least PageSize.");
        }

        if (options.MaxActivityBytes is < 1_024 or > 4 * 1024 * 1024)
        {
            failures.Add($"{DirectLineOptions.Section}:MaxActivityBytes must be between 1 KiB and 4 MiB.");
        }

        if (options.ConversationRetention < TimeSpan.FromMinutes(1) || options.MaxConversations < 1)
        {
            failures.Add($"{DirectLineOptions.Section}:ConversationRetention must be at least 1 minute and MaxConversations at least 1.");
        }

        if (options.StreamKeepAlive < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{DirectLineOptions.Section}:StreamKeepAlive must be at least 1 second.");
        }

        if (options.AnonymousTokensPerMinute < 1)
        {
            failures.Add($"{DirectLineOptions.Section}:AnonymousTokensPerMinute must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
