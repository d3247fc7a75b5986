using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Abstractions.State;

/// <summary>
/// What the bot remembers about one conversation between turns: who and where, recent exchanges
/// (for follow-up questions), handoff status, and one section per component (the TaskBot dialog
/// stack, the KB-Bot's last suggestions…).
/// </summary>
/// <remarks>
/// Loaded once before a turn and saved once after it by the turn processor, with the store's ETag
/// for optimistic concurrency. Sections are kept as JSON until a component asks for them, so a
/// component's types never leak into the store or into other components. Not thread-safe.
/// </remarks>
public sealed class ConversationState
{
    private readonly Dictionary<string, object> _live = new(StringComparer.Ordinal);

    public string BotId { get; set; } = "";

    public string ConversationId { get; set; } = "";

    public string? ChannelId { get; set; }

    public string? UserId { get; set; }

    /// <summary>The locale the conversation settled on, kept so a bare "ok" is answered in the same language.</summary>
    public string? Locale { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    public int TurnCount { get; set; }

    public HandoffState Handoff { get; set; } = new();

    /// <summary>The last few exchanges, oldest first; the turn processor keeps at most a configured number.</summary>
    public List<TurnSummary> RecentTurns { get; set; } = [];

    /// <summary>Serialized component sections; use <see cref="GetSection{T}"/> rather than this directly.</summary>
    [JsonPropertyName("sections")]
    public Dictionary<string, JsonElement> StoredSections { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The store's version tag of the state this instance was loaded from; null for a new conversation.</summary>
    [JsonIgnore]
    public string? ETag { get; set; }

    /// <summary>
    /// Returns the section named <paramref name="name"/>, creating it when absent. The same instance is
    /// returned for the rest of the turn and serialized when the state is saved.
    /// </summary>
    public T GetSection<T>(string name)
        where T : class, new()
    {
        if (_live.TryGetValue(name, out var live))
        {
            return live as T ?? throw new InvalidOperationException($"Conversation state section '{name}' is a {live.GetType().Name}, not a {typeof(T).Name}.");
        }

        var value = StoredSections.TryGetValue(name, out var json)
            ? json.Deserialize<T>(ActivityJson.Options) ?? new T()
            : new T();
        _live[name] = value;
        return value;
    }

    /// <summary>True when the section exists (stored or created this turn).</summary>
    public bool HasSection(string name) => _live.ContainsKey(name) || StoredSections.ContainsKey(name);

    /// <summary>Removes a section, e.g. when a dialog ends.</summary>
    public void RemoveSection(string name)
    {
        _live.Remove(name);
        StoredSections.Remove(name);
    }

    /// <summary>Serializes the state, live sections included.</summary>
    public byte[] ToUtf8Json()
    {
        foreach (var (name, value) in _live)
        {
            StoredSections[name] = JsonSerializer.SerializeToElement(value, value.GetType(), ActivityJson.Options);
        }

        return JsonSerializer.SerializeToUtf8Bytes(this, ActivityJson.Options);
    }

    /// <summary>Reads state written by <see cref="ToUtf8Json"/>.</summary>
    /// <exception cref="JsonException">The data is not a serialized conversation state.</exception>
    public static ConversationState FromUtf8Json(ReadOnlySpan<byte> json, string? etag)
    {
        var state = JsonSerializer.Deserialize<ConversationState>(json, ActivityJson.Options)
            ?? throw new JsonException("Conversation state is null.");
        state.ETag = etag;
        return state;
    }

    /// <summary>A deep copy of a section as JSON, for traces and the console.</summary>
    public JsonObject SectionsSnapshot()
    {
        var result = new JsonObject();
        foreach (var (name, element) in StoredSections)
        {
            result[name] = JsonNode.Parse(element.GetRawText());
        }

        foreach (var (name, value) in _live)
        {
            result[name] = JsonSerializer.SerializeToNode(value, value.GetType(), ActivityJson.Options);
        }

        return result;
    }
}
