using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace ServiceBot.Channels.Web;

/// <summary>
/// Serves the widget and the demo pages from resources embedded in this assembly, with an ETag and
/// a short cache lifetime so a new version reaches sites within minutes.
/// </summary>
/// <remarks>Thread-safe; each file is read from the assembly once.</remarks>
internal static class WebAssets
{
    private static readonly ConcurrentDictionary<string, WebAsset?> Cache = new(StringComparer.Ordinal);

    /// <summary>Writes the named asset (or 404), answering 304 when the client's copy is current.</summary>
    public static Task ServeAsync(HttpContext http, string name)
    {
        var asset = Cache.GetOrAdd(name, Load);
        if (asset is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = asset.ContentType.StartsWith("text/html", StringComparison.Ordinal) ? "no-cache" : "public, max-age=300";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        http.Response.ContentType = asset.ContentType;
        http.Response.ContentLength = asset.Content.Length;
        return http.Response.Body.WriteAsync(asset.Content, http.RequestAborted).AsTask();
    }

    private static WebAsset? Load(string name)
    {
        using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream("ServiceBot.Channels.Web." + name);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
        return new WebAsset(content, ContentType(name), etag);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
