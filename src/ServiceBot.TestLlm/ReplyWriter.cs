using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ServiceBot.TestLlm;

/// <summary>Writes the reply text of a rule for a request.</summary>
internal static partial class ReplyWriter
{
    public static string Write(TestLlmRule rule, ChatRequestView request) => rule.Mode switch
    {
        TestLlmReplyMode.Fixed => rule.Reply ?? "",
        TestLlmReplyMode.Echo => request.LastUserMessage,
        TestLlmReplyMode.Grounded => Grounded(request),
        TestLlmReplyMode.Ungrounded => Grounded(request) + Invented(request),
        TestLlmReplyMode.Loop => Loop(rule.Reply ?? Grounded(request), rule.LoopCount),
        _ => "",
    };

    /// <summary>
    /// The first sentence of the first passage in the prompt, cited. Passages are blocks that start
    /// with a line <c>[source-id] title</c>; the text is the lines after it.
    /// </summary>
    internal static string Grounded(ChatRequestView request)
    {
        var match = PassageHeader().Match(request.AllText);
        var chinese = IsChinese(request.LastUserMessage);
        if (!match.Success)
        {
            return chinese ? "抱歉，我没有找到相关信息，建议您咨询人工客服。" : "Sorry, I could not find that information. A human agent can help you.";
        }

        var id = match.Groups["id"].Value;
        var rest = request.AllText[(match.Index + match.Length)..].TrimStart('\r', '\n', ' ');
        var end = rest.IndexOf("\n\n", StringComparison.Ordinal);
        var text = (end >= 0 ? rest[..end] : rest).Trim();
        var sentence = FirstSentence(text);
        return sentence + " [" + id + "]";
    }

    private static string Invented(ChatRequestView request) =>
        IsChinese(request.LastUserMessage)
            ? "退款金额为¥358，如有疑问请拨打 400-123-4567。"
            : " Your refund of $358 will arrive today; call 1-800-555-0199 with questions.";

    private static string Loop(string text, int count)
    {
        var builder = new StringBuilder(text.Length * count);
        for (var i = 0; i < count; i++)
        {
            builder.Append(text);
        }

        return builder.ToString();
    }

    private static string FirstSentence(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '。' or '！' or '？' or '\n' || (c is '.' or '!' or '?' && (i + 1 == text.Length || text[i + 1] == ' ')))
            {
                return text[..(i + 1)].Trim();
            }
        }

        return text;
    }

    private static bool IsChinese(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u4e00' and <= '\u9fff')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits text into chunks of at most <paramref name="size"/> characters, never inside a surrogate pair.</summary>
    public static List<string> Chunks(string text, int size)
    {
        size = Math.Max(1, size);
        var chunks = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        var builder = new StringBuilder();
        var count = 0;
        while (enumerator.MoveNext())
        {
            builder.Append(enumerator.GetTextElement());
            if (++count == size)
            {
                chunks.Add(builder.ToString());
                builder.Clear();
                count = 0;
            }
        }

        if (builder.Length > 0)
        {
            chunks.Add(builder.ToString());
        }

        return chunks;
    }

    [GeneratedRegex(@"^\[(?<id>[^\]\r\n]{1,120})\][^\r\n]*$", RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PassageHeader();
}
