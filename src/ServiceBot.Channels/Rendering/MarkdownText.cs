using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ServiceBot.Channels.Rendering;

/// <summary>
/// Rewrites an answer written in Markdown for channels that speak another dialect: plain text (links
/// become "label (url)", emphasis is dropped) or Slack's mrkdwn (<c>*bold*</c>, <c>&lt;url|label&gt;</c>).
/// </summary>
/// <remarks>Thread-safe and total: any input, however malformed, yields text and never throws.</remarks>
internal static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().Build();

    /// <summary>The text without Markdown syntax, lists and paragraphs kept as lines.</summary>
    public static string ToPlain(string markdown) => Render(markdown, slack: false);

    /// <summary>The text in Slack's mrkdwn, with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped as Slack requires.</summary>
    public static string ToSlack(string markdown) => Render(markdown, slack: true);

    /// <summary>Plain text escaped for a Slack mrkdwn or plain_text field.</summary>
    public static string EscapeSlack(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Render(string markdown, bool slack)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        var writer = new Writer(slack);
        writer.Blocks(document, prefix: "");
        return writer.ToString();
    }

    private sealed class Writer(bool slack)
    {
        private readonly StringBuilder _out = new();

        public override string ToString() => _out.ToString().TrimEnd();

        public void Blocks(ContainerBlock container, string prefix)
        {
            foreach (var block in container)
            {
                if (_out.Length > 0 && _out[^1] != '\n')
                {
                    _out.Append('\n');
                }

                if (_out.Length > 0 && prefix.Length == 0 && block is not ListBlock)
                {
                    _out.Append('\n');
                }

                Block(block, prefix);
            }
        }

        private void Block(Block block, string prefix)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    _out.Append(prefix);
                    Emphasized(heading.Inline, slack ? "*" : "");
                    break;
                case ParagraphBlock paragraph:
                    _out.Append(prefix);
                    Inlines(paragraph.Inline, prefix);
                    break;
                case ListBlock list:
                    List(list, prefix);
                    break;
                case QuoteBlock quote:
                    Blocks(quote, prefix + "> ");
                    break;
                case CodeBlock code:
                    Code(code, prefix);
                    break;
                case ThematicBreakBlock:
                    _out.Append(prefix).Append("———");
                    break;
                case LeafBlock leaf when leaf.Lines.Count > 0:
                    _out.Append(prefix).Append(Escape(leaf.Lines.ToString()));
                    break;
                case ContainerBlock nested:
                    Blocks(nested, prefix);
                    break;
            }
        }

        private void List(ListBlock list, string prefix)
        {
            var number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                if (_out.Length > 0 && _out[^1] != '\n')
                {
                    _out.Append('\n');
                }

                var bullet = list.IsOrdered ? string.Create(CultureInfo.InvariantCulture, $"{number++}. ") : "• ";
                _out.Append(prefix).Append(bullet);
                var first = true;
                foreach (var child in item)
                {
                    if (!first)
                    {
                        _out.Append('\n');
                    }

                    // The first block continues the bullet's line; later ones are indented under it.
                    Block(child, first ? "" : prefix + "    ");
                    first = false;
                }
            }
        }

        private void Code(CodeBlock code, string prefix)
        {
            var text = code.Lines.ToString();
            if (slack)
            {
                _out.Append(prefix).Append("```\n").Append(Escape(text)).Append("\n```");
                return;
            }

            _out.Append(prefix).Append(text.Replace("\n", "\n" + prefix, StringComparison.Ordinal));
        }

        private void Emphasized(ContainerInline? inline, string marker)
        {
            _out.Append(marker);
            Inlines(inline, "");
            _out.Append(marker);
        }

        private void Inlines(ContainerInline? container, string prefix)
        {
            for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        _out.Append(Escape(literal.Content.ToString()));
                        break;
                    case CodeInline code:
                        _out.Append(slack ? "`" + Escape(code.Content) + "`" : code.Content);
                        break;
                    case LineBreakInline:
                        _out.Append('\n').Append(prefix);
                        break;
                    case HtmlEntityInline entity:
                        _out.Append(Escape(entity.Transcoded.ToString()));
                        break;
                    case HtmlInline html:
                        _out.Append(Escape(html.Tag));
                        break;
                    case AutolinkInline autolink:
                        Link(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, autolink.Url);
                        break;
                    case LinkInline link:
                        Link(link.Url ?? "", Label(link));
                        break;
                    case EmphasisInline emphasis:
                        Emphasis(emphasis, prefix);
                        break;
                    case ContainerInline nested:
                        Inlines(nested, prefix);
                        break;
                }
            }
        }

        private void Emphasis(EmphasisInline emphasis, string prefix)
        {
            var marker = !slack ? "" : emphasis.DelimiterChar == '~' ? "~" : emphasis.DelimiterCount >= 2 ? "*" : "_";
            _out.Append(marker);
            Inlines(emphasis, prefix);
            _out.Append(marker);
        }

        private void Link(string url, string label)
        {
            if (slack)
            {
                _out.Append('<').Append(url.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal));
                if (label.Length > 0 && label != url)
                {
                    _out.Append('|').Append(Escape(label));
                }

                _out.Append('>');
                return;
            }

            _out.Append(label.Length == 0 || label == url || url.Length == 0 ? (url.Length == 0 ? label : url) : $"{label} ({url})");
        }

        private static string Label(LinkInline link)
        {
            var label = new StringBuilder();
            for (var inline = link.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                label.Append(inline switch
                {
                    LiteralInline literal => literal.Content.ToString(),
                    CodeInline code => code.Content,
                    ContainerInline nested => string.Concat(nested.Descendants<LiteralInline>().Select(l => l.Content.ToString())),
                    _ => "",
                });
            }

            return label.ToString();
        }

        private string Escape(string text) => slack ? EscapeSlack(text) : text;
    }
}
