using System.Text.Json;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Channels.Rendering;

/// <summary>Reads what a button sends back and what it shows, whatever form its value takes.</summary>
internal static class CardActionText
{
    /// <summary>The text a click sends as the customer's next message: a string value, else the action's text, else its title.</summary>
    public static string Value(CardAction action) =>
        action.Value is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text
            ? text
            : action.Text is { Length: > 0 } ? action.Text : action.Title ?? "";

    /// <summary>The button's label: its title, else the text it sends.</summary>
    public static string Title(CardAction action) => action.Title is { Length: > 0 } title ? title : Value(action);

    /// <summary>True for a button that opens a link rather than sending a message.</summary>
    public static bool IsLink(CardAction action) => action.Type == CardActionTypes.OpenUrl;
}
