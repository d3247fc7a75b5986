using System.Reflection;
using System.Text.Json;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;

namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>The rejector's built-in replies, read once from the embedded default-replies.yaml.</summary>
internal static class DefaultRejectorReplies
{
    public const string Blocked = "blocked";
    public const string Handoff = "handoff";
    public const string Injection = "injection";

    private const string ResourceName = "ServiceBot.SensitiveWords.Resources.default-replies.yaml";

    private static readonly Lazy<Dictionary<string, LocalizedText>> Replies = new(Load);

    public static LocalizedText Get(RejectorSettings settings, string key) =>
        settings.Replies.TryGetValue(key, out var configured) ? configured
        : Replies.Value.TryGetValue(key, out var text) ? text
        : throw new InvalidOperationException($"The built-in rejector reply '{key}' is missing from {ResourceName}.");

    private static Dictionary<string, LocalizedText> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var document = YamlContent.Parse(reader.ReadToEnd(), "default-replies.yaml (built in)");
        var replies = document.Root.Deserialize<Dictionary<string, LocalizedText>>(BotSettingsJson.Options)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is empty.");
        return new Dictionary<string, LocalizedText>(replies, StringComparer.OrdinalIgnoreCase);
    }
}
