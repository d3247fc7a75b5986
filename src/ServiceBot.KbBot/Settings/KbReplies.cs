using ServiceBot.Abstractions.Bots;

namespace ServiceBot.KbBot.Settings;

/// <summary>Texts the KB-Bot writes itself, per language.</summary>
internal sealed class KbReplies
{
    /// <summary>The line above "did you mean" suggestions.</summary>
    public LocalizedText? SuggestLeadIn { get; set; }
}
