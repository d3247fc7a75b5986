using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Documents;

/// <summary>
/// Markdown to document text: <c>#</c> headings become the heading path, paragraphs and list items keep
/// their text without markup, links keep their address (the post-filter accepts a URL only when a source
/// holds it), tables become one line per row.
/// </summary>
internal static class MarkdownDocumentReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static KnowledgeDocument Read(string id, string markdown, string fallbackTitle)
    {
        var builder = new DocumentTextBuilder();
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            AddBlock(builder, block);
        }

        return builder.Build(id, "markdown", fallbackTitle);
    }

    /// <summary>The text of a Markdown snippet (an FAQ answer) without its markup.</summary>
    public static string ToPlainText(string markdown)
    {
        var builder = new DocumentTextBuilder();
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            AddBlock(builder, block);
        }

        var document = builder.Build("", "markdown", "");
        return document.Headings.Count == 0
            ? document.Text
            : string.Join("\n\n", document.Headings.Select(h => h.Title).Append(document.Text).Where(t => t.Length > 0));
    }

    private static void AddBlock(DocumentTextBuilder builder, Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                builder.Heading(heading.Level, Inline(heading.Inline));
                break;
            case Table table:
                builder.Break();
                foreach (var row in table.OfType<TableRow>())
                {
                    builder.Line(string.Join(" | ", row.OfType<TableCell>().Select(CellText)));
                }

                builder.Break();
                break;
            case ListBlock list:
                builder.Break();
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var text = string.Join("\n", item.Select(BlockText).Where(t => t.Length > 0));
                    builder.Line("- " + text);
                }

                builder.Break();
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    AddBlock(builder, child);
                }

                break;
            case CodeBlock code:
                builder.Paragraph(code.Lines.ToString());
                break;
            case ParagraphBlock paragraph:
                builder.Paragraph(Inline(paragraph.Inline));
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AddBlock(builder, child);
                }

                break;
        }
    }

    private static string CellText(TableCell cell) => string.Join(" ", cell.Select(BlockText).Where(t => t.Length > 0));

    private static string BlockText(Block block) => block switch
    {
        ParagraphBlock p => Inline(p.Inline),
        HeadingBlock h => Inline(h.Inline),
        CodeBlock c => c.Lines.ToString().Trim(),
        ListBlock l => string.Join("\n", l.OfType<ListItemBlock>().Select(i => "- " + string.Join("\n", i.Select(BlockText).Where(t => t.Length > 0)))),
        ContainerBlock c => string.Join("\n", c.Select(BlockText).Where(t => t.Length > 0)),
        _ => "",
    };

    private static string Inline(ContainerInline? container)
    {
        var builder = new StringBuilder();
        if (container is not null)
        {
            AppendInline(builder, container);
        }

        return builder.ToString().Trim();
    }

    private static void AppendInline(StringBuilder builder, ContainerInline container)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case LineBreakInline:
                    builder.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink:
                    builder.Append(autolink.Url);
                    break;
                case LinkInline { IsImage: true } image:
                    AppendInline(builder, image);
                    break;
                case LinkInline link:
                    var start = builder.Length;
                    AppendInline(builder, link);
                    var text = builder.ToString(start, builder.Length - start);
                    if (!string.IsNullOrEmpty(link.Url) && !string.Equals(text.Trim(), link.Url, StringComparison.Ordinal) && !link.Url.StartsWith('#'))
                    {
                        builder.Append(" (").Append(link.Url).Append(')');
                    }

                    break;
                case ContainerInline child:
                    AppendInline(builder, child);
                    break;
            }
        }
    }
}
