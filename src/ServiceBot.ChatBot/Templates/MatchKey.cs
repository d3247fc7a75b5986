using System.Text;

namespace ServiceBot.ChatBot.Templates;

/// <summary>
/// The form chit-chat matching compares: the analyzer's normalized text without punctuation, symbols
/// or spaces, except one space between Latin words ("how are you", "你好吗", "iphone退货").
/// </summary>
internal static class MatchKey
{
    public static string Of(string normalized)
    {
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0 && char.IsAsciiLetterOrDigit(builder[^1]) && char.IsAsciiLetterOrDigit(c))
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '_' or '/')
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }
}
