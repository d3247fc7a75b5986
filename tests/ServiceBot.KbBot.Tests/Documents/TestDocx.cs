using System.IO.Compression;
using System.Security;
using System.Text;

namespace ServiceBot.KbBot.Tests.Documents;

/// <summary>Writes small Word packages (WordprocessingML in a zip) for the reader tests, so no binary file is committed.</summary>
internal static class TestDocx
{
    private const string Namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>A heading paragraph in the style whose id is <paramref name="styleId"/>.</summary>
    public static string Heading(string styleId, string text) =>
        $"<w:p><w:pPr><w:pStyle w:val=\"{styleId}\"/></w:pPr><w:r><w:t>{SecurityElement.Escape(text)}</w:t></w:r></w:p>";

    /// <summary>A body paragraph; each run becomes one <c>w:r</c>, as Word splits text at formatting changes.</summary>
    public static string Paragraph(params string[] runs) =>
        "<w:p>" + string.Concat(runs.Select(r => $"<w:r><w:t xml:space=\"preserve\">{SecurityElement.Escape(r)}</w:t></w:r>")) + "</w:p>";

    public static string Table(params string[][] rows) =>
        "<w:tbl><w:tblPr/>" + string.Concat(rows.Select(row => "<w:tr>" + string.Concat(row.Select(cell => "<w:tc>" + Paragraph(cell) + "</w:tc>")) + "</w:tr>")) + "</w:tbl>";

    /// <summary>Writes a package whose body is <paramref name="bodyXml"/>; <paramref name="styles"/> maps style ids to style names for word/styles.xml.</summary>
    public static void Write(string path, string bodyXml, IReadOnlyDictionary<string, string>? styles = null)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
            </Types>
            """);
        Add(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
            </Relationships>
            """);
        Add(zip, "word/document.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{Namespace}\"><w:body>{bodyXml}<w:sectPr/></w:body></w:document>");
        if (styles is not null)
        {
            var definitions = string.Concat(styles.Select(s => $"<w:style w:type=\"paragraph\" w:styleId=\"{s.Key}\"><w:name w:val=\"{SecurityElement.Escape(s.Value)}\"/></w:style>"));
            Add(zip, "word/styles.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles xmlns:w=\"{Namespace}\">{definitions}</w:styles>");
        }
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name);
        using var stream = entry.Open();
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
    }
}
