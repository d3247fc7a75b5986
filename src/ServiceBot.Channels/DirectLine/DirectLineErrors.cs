using Microsoft.AspNetCore.Http;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Channels.DirectLine;

/// <summary>Direct Line error responses: <c>{"error": {"code": …, "message": …}}</c> with the documented status codes.</summary>
internal static class DirectLineErrors
{
    public const string BadArgument = "BadArgument";
    public const string Unauthorized = "Unauthorized";
    public const string TokenExpired = "TokenExpired";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string MessageTooLarge = "MessageSizeTooBig";
    public const string BotError = "BotError";
    public const string TooManyRequests = "TooManyRequests";

    public static Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error = new { code, message } }, ActivityJson.Options, http.RequestAborted);
    }
}
