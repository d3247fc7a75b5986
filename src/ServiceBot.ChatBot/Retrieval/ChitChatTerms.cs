using ServiceBot.Abstractions.Text;

namespace ServiceBot.ChatBot.Retrieval;

/// <summary>
/// The terms chit-chat matching counts. Unlike knowledge search it keeps stop words: small talk is
/// made of them, and "你是谁" differs from "我是谁" only by one.
/// </summary>
internal static class ChitChatTerms
{
    public static string[] Of(AnalyzedUtterance utterance)
    {
        var terms = new List<string>(utterance.Tokens.Count);
        foreach (var token in utterance.Tokens)
        {
            if (token.Kind is TokenKind.Word or TokenKind.Latin or TokenKind.Number && token.Term.Length > 0)
            {
                terms.Add(token.Term);
            }
        }

        return [.. terms];
    }
}
