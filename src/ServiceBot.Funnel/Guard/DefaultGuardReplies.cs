using System.Reflection;
using System.Text.Json;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;

namespace ServiceBot.Funnel.Guard;

/// <summary>The guard's built-in replies, read once from the embedded default-replies.yaml.</summary>
internal static class DefaultGuardReplies
{
    private const string ResourceName = "ServiceBot.Funnel.Resources.default-replies.yaml";

    private static readonly Lazy<Dictionary<string, LocalizedText>> Replies = new(Load);

    public static LocalizedText Get(string reason) =>
        Replies.Value.TryGetValue(reason, out var text) ? text : throw new InvalidOperationException($"The built-in guard reply '{reason}' is missing from {ResourceName}.");

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
