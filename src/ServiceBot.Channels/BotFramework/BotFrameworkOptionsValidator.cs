using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.BotFramework;

/// <summary>Fails start-up with a message naming the setting when the Bot Framework settings cannot work.</summary>
internal sealed class BotFrameworkOptionsValidator : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.AppId) && string.IsNullOrWhiteSpace(options.AppPassword))
        {
            failures.Add($"{BotFrameworkOptions.Section}:AppPassword is required when AppId is set: replies need a token from it.");
        }

        if (!options.OpenIdMetadataUrl.IsAbsoluteUri || !options.TokenEndpoint.IsAbsoluteUri)
        {
            failures.Add($"{BotFrameworkOptions.Section}:OpenIdMetadataUrl and TokenEndpoint must be absolute URLs.");
        }

        if (options.IsEnabled && !options.AllowUnauthenticated && options.ValidIssuers.Count == 0)
        {
            failures.Add($"{BotFrameworkOptions.Section}:ValidIssuers must name at least one issuer.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{BotFrameworkOptions.Section}:ClockSkew must be between 0 and 30 minutes.");
        }

        if (options.KeysMinimumRefreshInterval < TimeSpan.FromSeconds(1) || options.KeysRefreshInterval < options.KeysMinimumRefreshInterval)
        {
            failures.Add($"{BotFrameworkOptions.Section}:KeysMinimumRefreshInterval must be at least 1 second and no longer than KeysRefreshInterval.");
        }

        if (options.MaxActivityBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{BotFrameworkOptions.Section}:MaxActivityBytes must be between 1 KiB and 16 MiB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
