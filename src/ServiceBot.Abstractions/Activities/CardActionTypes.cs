namespace ServiceBot.Abstractions.Activities;

/// <summary>Values of <see cref="CardAction.Type"/>.</summary>
public static class CardActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
}
