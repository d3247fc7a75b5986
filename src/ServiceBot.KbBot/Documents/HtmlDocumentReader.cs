using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Documents;

/// <summary>
/// HTML to document text: the visible text of the body (entities decoded by the parser), <c>h1</c>–<c>h6</c>
/// as the heading path, one line per list item and table row; scripts, styles and other non-content
/// elements are dropped.
/// </summary>
internal static class HtmlDocumentReader
{
    private static readonly FrozenSet<string> Dropped = FrozenSet.Create(
        StringComparer.Ordinal, "script", "style", "noscript", "template", "head", "svg", "canvas", "iframe", "object", "embed", "select", "button");

    private static readonly FrozenSet<string> Blocks = FrozenSet.Create(
        StringComparer.Ordinal,
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody",
        "tfoot", "caption", "blockquote", "pre", "figure", "figcaption", "address", "hr", "form", "fieldset", "details", "summary", "body");

    public static KnowledgeDocument Read(string id, string html, string fallbackTitle)
    {
        var document = new HtmlParser().ParseDocument(html);
        var walker = new Walker();
        if (document.Body is { } body)
        {
            walker.Walk(body);
        }

        walker.Flush(line: false);
        var title = DocumentTextBuilder.Collapse(document.Title ?? "");
        return walker.Builder.Build(id, "html", title.Length > 0 ? title : fallbackTitle);
    }

    private sealed class Walker
    {
        private readonly StringBuilder _inline = new();

        public DocumentTextBuilder Builder { get; } = new();

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        _inline.Append(text.Data);
                        break;
                    case IElement element:
                        Element(element);
                        break;
                }
            }
        }

        public void Flush(bool line)
        {
            var text = DocumentTextBuilder.Collapse(_inline.ToString());
            _inline.Clear();
            if (text.Length == 0)
            {
                return;
            }

            if (line)
            {
                Builder.Line(text);
            }
            else
            {
                Builder.Paragraph(text);
            }
        }

        private void Element(IElement element)
        {
            var name = element.LocalName;
            if (Dropped.Contains(name))
            {
                return;
            }

            if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6')
            {
                Flush(line: false);
                Builder.Heading(name[1] - '0', VisibleText(element));
                return;
            }

            switch (name)
            {
                case "br":
                    Flush(line: true);
                    return;
                case "li":
                    Flush(line: false);
                    _inline.Append("- ");
                    Walk(element);
                    Flush(line: true);
                    return;
                case "tr":
                    Flush(line: false);
                    var cells = element.Children.Where(c => c.LocalName is "td" or "th").Select(VisibleText).Where(t => t.Length > 0);
                    Builder.Line(string.Join(" | ", cells));
                    return;
            }

            if (Blocks.Contains(name))
            {
                Flush(line: false);
                Walk(element);
                Flush(line: false);
                Builder.Break();
                return;
            }

            Walk(element);
        }

        private static string VisibleText(IElement element)
        {
            var inner = new Walker();
            inner.Walk(element);
            inner.Flush(line: true);
            return DocumentTextBuilder.Collapse(inner.Builder.Build("", "html", "").Text);
        }
    }
}
