using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Channels.Hosting;

namespace ServiceBot.Channels.Web;

/// <summary>
/// The widget's configuration (<c>GET /api/widget/config</c>: the bot's name and the widget texts of
/// its bot.yaml <c>widget</c> section, in the asked locale) and Microsoft's Web Chat bundle for the demo.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class WidgetEndpoints(BotAccounts bots, IOptions<WidgetOptions> options, IHostEnvironment environment)
{
    private const string HandoffText = "handoff";
    private readonly Lazy<string?> _webChatBundle = new(() => Locate(options.Value.WebChatBundle, environment.ContentRootPath));

    /// <summary>The resolved path of Web Chat's bundle, or null when it is not installed.</summary>
    public string? WebChatBundlePath => _webChatBundle.Value;

    public async Task ConfigAsync(HttpContext http)
    {
        var botId = http.Request.Query["bot"].ToString() is { Length: > 0 } named ? named : null;
        var bot = bots.Find(botId);
        if (botId is not null && bot is null && !bots.Exists(botId))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsJsonAsync(new { error = new { code = "NotFound", message = "There is no such bot on this server." } }).ConfigureAwait(false);
            return;
        }

        var requested = http.Request.Query["locale"].ToString();
        var locale = requested.Length is > 0 and <= 35 ? requested : bot?.DefaultLocale ?? "zh-CN";
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (bot is not null)
        {
            if (bot.GetSettings<Dictionary<string, LocalizedText>>("replies").TryGetValue("handoff-offer", out var handoff))
            {
                texts[HandoffText] = handoff.Pick(locale);
            }

            foreach (var (key, text) in bot.GetSettings<Dictionary<string, LocalizedText>>("widget"))
            {
                texts[key] = text.Pick(locale);
            }
        }

        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.WriteAsJsonAsync(
            new
            {
                botId = bot?.Id ?? botId,
                botName = bot?.Name,
                locale,
                locales = bot?.Locales ?? [],
                texts,
            },
            ActivityJson.Options).ConfigureAwait(false);
    }

    public async Task WebChatBundleAsync(HttpContext http)
    {
        if (WebChatBundlePath is not { } path)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/javascript; charset=utf-8";
            await http.Response.WriteAsync("/* Microsoft Web Chat is not installed on this server: run scripts/setup.sh test */", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "text/javascript; charset=utf-8";
        http.Response.Headers.CacheControl = "public, max-age=3600";
        await http.Response.SendFileAsync(path, http.RequestAborted).ConfigureAwait(false);
    }

    private static string? Locate(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
