namespace ServiceBot.ChatBot.Content;

/// <summary>What the ChatBot says when it has nothing better (<c>chatbot.fallback</c>).</summary>
internal sealed class FallbackSettings
{
    /// <summary>Knowledge questions offered as "did you mean" buttons under the fallback.</summary>
    public int Suggestions { get; set; } = 3;

    /// <summary>Adds the "talk to a human" button.</summary>
    public bool OfferHandoff { get; set; } = true;
}
