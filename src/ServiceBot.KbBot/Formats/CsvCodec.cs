using System.Text;

namespace ServiceBot.KbBot.Formats;

/// <summary>
/// RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. Reading reports the
/// physical line each record starts on; the delimiter (comma, semicolon or tab) is taken from the header line.
/// </summary>
internal static class CsvCodec
{
    /// <summary>Splits <paramref name="text"/> into records; an unterminated quote is reported with the line it opened on.</summary>
    public static IEnumerable<(int Line, List<string> Fields)> Read(string text, Action<int, string> error)
    {
        var delimiter = DetectDelimiter(text);
        var line = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var atFieldStart = true;
            var done = false;
            while (!done)
            {
                if (i >= text.Length)
                {
                    if (quoted)
                    {
                        error(start, "a quoted field is never closed (missing \").");
                        yield break;
                    }

                    fields.Add(field.ToString());
                    break;
                }

                var c = text[i++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i < text.Length && text[i] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        if (c != '\r')
                        {
                            field.Append(c);
                        }
                    }

                    continue;
                }

                if (c == '"' && atFieldStart)
                {
                    quoted = true;
                    atFieldStart = false;
                }
                else if (c == delimiter)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                }
                else if (c == '\n')
                {
                    fields.Add(field.ToString());
                    line++;
                    done = true;
                }
                else if (c != '\r')
                {
                    field.Append(c);
                    atFieldStart = false;
                }
            }

            yield return (start, fields);
        }
    }

    public static void WriteRecord(TextWriter writer, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (f.Length > 0 && (f[0] == ' ' || f[^1] == ' ')))
            {
                writer.Write('"');
                writer.Write(f.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(f);
            }
        }

        writer.Write("\r\n");
    }

    private static char DetectDelimiter(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var header = end < 0 ? text : text[..end];
        var commas = header.Count(c => c == ',');
        var semicolons = header.Count(c => c == ';');
        var tabs = header.Count(c => c == '\t');
        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }
}
