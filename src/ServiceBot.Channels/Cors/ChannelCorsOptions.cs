namespace ServiceBot.Channels.Cors;

/// <summary>
/// Settings under <c>ServiceBot:Cors</c>: the web origins (the company's sites) allowed to call the
/// Direct Line endpoints and the widget's token and config endpoints from a browser.
/// </summary>
public sealed class ChannelCorsOptions
{
    public const string Section = "ServiceBot:Cors";

    /// <summary>Origins such as <c>https://shop.example.com</c>; <c>*</c> allows any origin. Empty: same origin only.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>How long browsers may cache a preflight answer.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
