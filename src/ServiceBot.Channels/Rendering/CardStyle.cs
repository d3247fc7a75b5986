namespace ServiceBot.Channels.Rendering;

/// <summary>How buttons are shown on a channel that cannot show suggested actions.</summary>
internal enum CardStyle
{
    /// <summary>No cards: button titles are listed in the text.</summary>
    None = 0,

    /// <summary>A hero card (<c>application/vnd.microsoft.card.hero</c>) holding the buttons.</summary>
    Hero,

    /// <summary>An Adaptive Card with the text and one <c>Action.Submit</c> per button.</summary>
    Adaptive,
}
