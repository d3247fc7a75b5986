using System.Text;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Documents;

/// <summary>
/// Collects what a reader extracts: paragraphs (separated by one blank line, the splitter's strongest
/// separator) and headings at the offset where their section starts.
/// </summary>
internal sealed class DocumentTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<DocumentHeading> _headings = [];
    private readonly List<(int Level, string Title)> _pendingHeadings = [];
    private bool _paragraphBreak;

    /// <summary>Adds a paragraph; whitespace-only text adds nothing.</summary>
    public void Paragraph(string text)
    {
        Break();
        Append(text);
        Break();
    }

    /// <summary>Adds a line to the current paragraph (list items, table rows), or starts one.</summary>
    public void Line(string text) => Append(text);

    /// <summary>Ends the current paragraph, so the next text starts a new one.</summary>
    public void Break() => _paragraphBreak = true;

    /// <summary>Starts a section; its offset is where the next text lands.</summary>
    public void Heading(int level, string title)
    {
        var collapsed = Collapse(title);
        if (collapsed.Length > 0)
        {
            Break();
            _pendingHeadings.Add((Math.Clamp(level, 1, 6), collapsed));
        }
    }

    /// <summary>The document, titled by its first level-1 heading or else <paramref name="fallbackTitle"/>.</summary>
    public KnowledgeDocument Build(string id, string format, string fallbackTitle)
    {
        var text = _text.ToString();
        var headings = new List<DocumentHeading>(_headings);
        headings.AddRange(_pendingHeadings.Select(h => new DocumentHeading(text.Length, h.Level, h.Title)));
        return new KnowledgeDocument
        {
            Id = id,
            Title = headings.Find(h => h.Level == 1)?.Title ?? fallbackTitle,
            Format = format,
            Text = text,
            Headings = headings,
        };
    }

    private void Append(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        if (_text.Length > 0)
        {
            _text.Append(_paragraphBreak ? "\n\n" : "\n");
        }

        _paragraphBreak = false;
        foreach (var (level, title) in _pendingHeadings)
        {
            _headings.Add(new DocumentHeading(_text.Length, level, title));
        }

        _pendingHeadings.Clear();
        _text.Append(trimmed);
    }

    /// <summary>Runs of whitespace become one space (HTML and Word text flow).</summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
