using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Formats;

/// <summary>The xlsx form of an FAQ file: the first sheet, a header row, one entry per row (same columns as CSV).</summary>
internal static class FaqXlsx
{
    public static void Read(Stream stream, List<FaqEntry> entries, List<string> locations, List<FaqIssue> issues, IProgress<double>? progress)
    {
        stream.Position = 0;
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
        {
            issues.Add(new FaqIssue(FaqIssueSeverity.Error, "workbook", null, $"not a readable xlsx workbook: {e.Message}"));
            return;
        }

        using (document)
        {
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } relationship || workbook.GetPartById(relationship) is not WorksheetPart part)
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, "workbook", null, "the workbook has no worksheet."));
                return;
            }

            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var rows = part.Worksheet.Descendants<Row>().ToList();
            if (rows.Count == 0)
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, "row 1", null, "the first sheet is empty: it needs a header row."));
                return;
            }

            var headerCells = Cells(rows[0], shared);
            var width = headerCells.Count == 0 ? 0 : headerCells.Keys.Max() + 1;
            var header = Enumerable.Range(0, width).Select(i => headerCells.GetValueOrDefault(i, "")).ToArray();
            var columns = header.Select(FaqColumns.Canonical).ToArray();
            if (!FaqFiles.CheckHeader(header, columns, issues))
            {
                return;
            }

            for (var r = 1; r < rows.Count; r++)
            {
                var number = rows[r].RowIndex?.Value is { } ri ? (int)ri : r + 1;
                var location = $"row {number}";
                var values = Cells(rows[r], shared);
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < columns.Length; i++)
                {
                    if (columns[i] is { } column)
                    {
                        var value = values.GetValueOrDefault(i, "");
                        if (column is FaqColumns.ValidFrom or FaqColumns.ValidTo && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
                        {
                            // Excel stores dates as day numbers; cells formatted as dates come back as such.
                            value = DateTime.FromOADate(serial).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
                        }

                        cells[column] = value;
                    }
                }

                if (cells.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (FaqRowMapper.FromRow(cells, location, issues) is { } entry)
                {
                    entries.Add(entry);
                    locations.Add(location);
                }

                if ((r & 1023) == 0)
                {
                    progress?.Report((double)r / rows.Count);
                }
            }
        }
    }

    public static void Write(Stream stream, IReadOnlyList<FaqEntry> entries)
    {
        // OpenXml needs a seekable stream; write to memory first so any target stream works.
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            worksheet.Worksheet = new Worksheet(data);
            var columns = FaqRowMapper.ColumnsFor(entries);
            data.Append(MakeRow(1, columns));
            uint number = 2;
            foreach (var entry in entries)
            {
                var row = FaqRowMapper.ToRow(entry);
                data.Append(MakeRow(number++, columns.Select(c => row.GetValueOrDefault(c, ""))));
            }

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "FAQ" });
            workbook.Workbook.Save();
        }

        memory.Position = 0;
        memory.CopyTo(stream);
    }

    private static Row MakeRow(uint number, IEnumerable<string> values)
    {
        var row = new Row { RowIndex = number };
        var column = 0;
        foreach (var value in values)
        {
            row.Append(new Cell
            {
                CellReference = ColumnName(column++) + number.ToString(CultureInfo.InvariantCulture),
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value) { Space = SpaceProcessingModeValues.Preserve }),
            });
        }

        return row;
    }

    private static Dictionary<int, string> Cells(Row row, string[] shared)
    {
        var cells = new Dictionary<int, string>();
        var next = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var index = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
            next = index + 1;
            string value;
            if (cell.DataType?.Value == CellValues.SharedString)
            {
                value = int.TryParse(cell.CellValue?.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s >= 0 && s < shared.Length ? shared[s] : "";
            }
            else if (cell.DataType?.Value == CellValues.InlineString)
            {
                value = cell.InlineString?.InnerText ?? "";
            }
            else if (cell.DataType?.Value == CellValues.Boolean)
            {
                value = cell.CellValue?.Text == "1" ? "true" : "false";
            }
            else
            {
                value = cell.CellValue?.Text ?? cell.InnerText;
            }

            cells[index] = value;
        }

        return cells;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }
}
