using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.Slack;

/// <summary>Fails start-up with a message naming the setting when the Slack settings cannot work.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (options.IsEnabled && string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add($"{SlackOptions.Section}:BotToken is required when SigningSecret is set: replies are posted with it.");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || (options.ApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{SlackOptions.Section}:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (options.ReplayWindow < TimeSpan.FromSeconds(10) || options.ReplayWindow > TimeSpan.FromMinutes(15))
        {
            failures.Add($"{SlackOptions.Section}:ReplayWindow must be between 10 seconds and 15 minutes.");
        }

        if (options.DeduplicationWindow < options.ReplayWindow)
        {
            failures.Add($"{SlackOptions.Section}:DeduplicationWindow must be at least ReplayWindow.");
        }

        if (options.Concurrency is < 1 or > 64 || options.QueueLimit < 1)
        {
            failures.Add($"{SlackOptions.Section}:Concurrency must be between 1 and 64 and QueueLimit at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
