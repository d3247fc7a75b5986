using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Documents;

/// <summary>
/// Word (.docx) to document text: reads <c>word/document.xml</c> of the WordprocessingML package with a
/// forward-only XML reader. Paragraphs in heading styles (Heading 1–6, 标题 1–6, Title, or an outline
/// level) become the heading path; each table row becomes one line with its cells separated by <c>|</c>.
/// </summary>
internal static class DocxDocumentReader
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static readonly FrozenSet<string> TitleNames = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "title", "标题");

    /// <summary>Reads the package in <paramref name="package"/>; parts over <paramref name="maxXmlBytes"/> unpacked are refused.</summary>
    /// <exception cref="InvalidDataException">The package is not a zip, lacks <c>word/document.xml</c>, or its XML is malformed or too large.</exception>
    public static KnowledgeDocument Read(string id, Stream package, string fallbackTitle, long maxXmlBytes)
    {
        using var zip = Open(package);
        var body = zip.GetEntry("word/document.xml") ?? throw new InvalidDataException("the package has no word/document.xml, so it is not a Word document.");
        if (body.Length > maxXmlBytes)
        {
            throw new InvalidDataException($"word/document.xml unpacks to {body.Length} bytes, more than the {maxXmlBytes} accepted.");
        }

        var styles = zip.GetEntry("word/styles.xml") is { } stylesEntry && stylesEntry.Length <= maxXmlBytes
            ? ReadHeadingStyles(stylesEntry)
            : new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var stream = body.Open();
            using var reader = XmlReader.Create(stream, XmlSettings);
            return ReadBody(reader, styles).Build(id, "docx", fallbackTitle);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"word/document.xml cannot be unpacked (corrupt zip: {e.Message})", e);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"word/document.xml is not well-formed XML (line {e.LineNumber}): {e.Message}", e);
        }
    }

    private static ZipArchive Open(Stream package)
    {
        try
        {
            return new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the file is not a valid .docx package (corrupt zip: {e.Message})", e);
        }
    }

    private static DocumentTextBuilder ReadBody(XmlReader reader, Dictionary<string, int> styles)
    {
        var builder = new DocumentTextBuilder();
        var paragraph = new StringBuilder();
        var headingLevel = 0;
        var inText = false;
        var tableDepth = 0;
        List<string>? row = null;
        StringBuilder? cell = null;
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA)
            {
                if (inText)
                {
                    paragraph.Append(reader.Value);
                }

                continue;
            }

            if (reader.NamespaceURI != W)
            {
                continue;
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                var empty = reader.IsEmptyElement;
                switch (reader.LocalName)
                {
                    case "p" when !empty:
                        paragraph.Clear();
                        headingLevel = 0;
                        break;
                    case "pStyle":
                        var style = reader.GetAttribute("val", W) ?? "";
                        headingLevel = styles.TryGetValue(style, out var level) ? level : HeadingLevel(style);
                        break;
                    case "outlineLvl" when headingLevel == 0:
                        headingLevel = OutlineLevel(reader.GetAttribute("val", W));
                        break;
                    case "t":
                        inText = !empty;
                        break;
                    case "tab":
                        paragraph.Append('\t');
                        break;
                    case "br" or "cr":
                        paragraph.Append('\n');
                        break;
                    case "tbl" when !empty:
                        if (tableDepth++ == 0)
                        {
                            builder.Break();
                        }

                        break;
                    case "tr" when !empty && tableDepth == 1:
                        row = [];
                        break;
                    case "tc" when !empty && tableDepth == 1:
                        cell = new StringBuilder();
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement)
            {
                switch (reader.LocalName)
                {
                    case "t":
                        inText = false;
                        break;
                    case "p":
                        var text = paragraph.ToString();
                        if (cell is not null)
                        {
                            var collapsed = DocumentTextBuilder.Collapse(text);
                            cell.Append(cell.Length > 0 && collapsed.Length > 0 ? " " : "").Append(collapsed);
                        }
                        else if (headingLevel > 0)
                        {
                            builder.Heading(headingLevel, text);
                        }
                        else
                        {
                            builder.Paragraph(text);
                        }

                        paragraph.Clear();
                        headingLevel = 0;
                        break;
                    case "tc" when tableDepth == 1 && cell is not null:
                        row?.Add(cell.ToString());
                        cell = null;
                        break;
                    case "tr" when tableDepth == 1 && row is not null:
                        builder.Line(string.Join(" | ", row.Where(c => c.Length > 0)));
                        row = null;
                        break;
                    case "tbl":
                        if (--tableDepth == 0)
                        {
                            builder.Break();
                        }

                        break;
                }
            }
        }

        return builder;
    }

    // Style ids are language-dependent ("Heading1", "1", "a3"), so the heading level comes from the style's name or outline level.
    private static Dictionary<string, int> ReadHeadingStyles(ZipArchiveEntry entry)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, XmlSettings);
            string? styleId = null;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != W)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "style":
                        styleId = reader.GetAttribute("type", W) is null or "paragraph" ? reader.GetAttribute("styleId", W) : null;
                        break;
                    case "name" when styleId is not null:
                        var byName = HeadingLevel(reader.GetAttribute("val", W) ?? "");
                        if (byName > 0)
                        {
                            levels[styleId] = byName;
                        }

                        break;
                    case "outlineLvl" when styleId is not null && !levels.ContainsKey(styleId):
                        var byOutline = OutlineLevel(reader.GetAttribute("val", W));
                        if (byOutline > 0)
                        {
                            levels[styleId] = byOutline;
                        }

                        break;
                }
            }
        }
        catch (XmlException)
        {
            // Without readable styles the style ids themselves ("Heading2") still mark headings.
        }

        return levels;
    }

    /// <summary>1–6 for "Heading 2", "heading2", "标题 2", "Title"; 0 for any other style.</summary>
    internal static int HeadingLevel(string style)
    {
        var name = style.Replace(" ", "", StringComparison.Ordinal);
        if (TitleNames.Contains(name))
        {
            return 1;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["heading", "标题"])
        {
            if (name.Length == prefix.Length + 1 && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name[^1] is >= '1' and <= '6')
            {
                return name[^1] - '0';
            }
        }

        return 0;
    }

    private static int OutlineLevel(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 0 and <= 5 ? level + 1 : 0;
}
