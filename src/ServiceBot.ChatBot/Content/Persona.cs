using ServiceBot.Abstractions.Bots;

namespace ServiceBot.ChatBot.Content;

/// <summary>
/// Who the bot is: name, company, role, voice, as a map of localized values (<c>persona.yaml</c>).
/// Templates write <c>{persona.name}</c>, prompts <c>{{persona.name}}</c>; every value also counts as
/// supported for the fact check (the bot may always say its own name).
/// </summary>
internal sealed class Persona
{
    public static Persona Empty { get; } = new(new Dictionary<string, LocalizedText>(StringComparer.Ordinal));

    public Persona(IReadOnlyDictionary<string, LocalizedText> values) => Values = values;

    public IReadOnlyDictionary<string, LocalizedText> Values { get; }

    /// <summary>The value of <paramref name="key"/> in <paramref name="locale"/>, or null when the persona has none.</summary>
    public string? Get(string key, string locale) =>
        Values.TryGetValue(key, out var text) ? text.Pick(locale) : null;

    /// <summary>Every value in every language.</summary>
    public IEnumerable<string> AllValues() => Values.Values.SelectMany(v => v.Variants.Values).SelectMany(v => v);
}
