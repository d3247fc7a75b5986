using System.Text.Json;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.KbBot.Formats;

/// <summary>JSON settings for exported files: the activity settings (camelCase, CJK unescaped), indented.</summary>
internal static class JsonOptions
{
    public static JsonSerializerOptions Indented { get; } = new(ActivityJson.Options) { WriteIndented = true };
}
