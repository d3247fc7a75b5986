using ServiceBot.Abstractions.Bots;

namespace ServiceBot.ChatBot.Templates;

/// <summary>One chit-chat template as written in a templates file.</summary>
internal sealed class ChitChatTemplate
{
    public string Id { get; set; } = "";

    /// <summary><c>zh</c>, <c>en</c> or a full locale; null for every language.</summary>
    public string? Locale { get; set; }

    /// <summary>Higher is tried first; ties go to the more specific pattern.</summary>
    public int Priority { get; set; }

    /// <summary>Whole-message patterns: <c>*</c> matches any text, <c>{name}</c> captures it.</summary>
    public List<string> Patterns { get; set; } = [];

    /// <summary>Regular expressions over the normalized message (named groups become captures).</summary>
    public List<string> Regex { get; set; } = [];

    /// <summary>Reply variants, one picked at random; <c>{name}</c> and <c>{persona.key}</c> are filled in.</summary>
    public LocalizedText? Replies { get; set; }
}
