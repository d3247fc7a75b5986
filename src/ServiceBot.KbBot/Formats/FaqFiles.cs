using System.Text;
using System.Text.Json;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Formats;

/// <summary>
/// Reads and writes FAQ files in every supported format. Reading parses the whole file and validates
/// it before anything is imported, so a bad row never leaves a half-imported KB.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class FaqFiles
{
    /// <summary>The format a file name implies.</summary>
    /// <exception cref="ArgumentException">The extension is not .json, .jsonl, .csv or .xlsx.</exception>
    public static FaqFileFormat FormatOf(string path) =>
        TryFormatOf(path) ?? throw new ArgumentException(UnknownType(path), nameof(path));

    /// <summary>The format a file name implies, or null for an unknown extension.</summary>
    public static FaqFileFormat? TryFormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => FaqFileFormat.Json,
        ".jsonl" or ".ndjson" => FaqFileFormat.Jsonl,
        ".csv" => FaqFileFormat.Csv,
        ".xlsx" => FaqFileFormat.Xlsx,
        _ => null,
    };

    /// <summary>Reads and validates a file; problems are in the result, never thrown.</summary>
    public static async Task<FaqReadResult> ReadAsync(string path, FaqReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FaqReadOptions();
        if (TryFormatOf(path) is not { } format)
        {
            return Failed(path, UnknownType(path));
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Failed(path, "the file does not exist.");
        }

        if (info.Length > options.MaxBytes)
        {
            return Failed(path, $"the file is {Size(info.Length)}; the import limit is {Size(options.MaxBytes)} (ServiceBot:KbBot:MaxImportBytes).");
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, format, path, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads and validates FAQ data from a stream; <paramref name="name"/> is used in messages.</summary>
    public static async Task<FaqReadResult> ReadAsync(Stream stream, FaqFileFormat format, string name, FaqReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FaqReadOptions();
        var entries = new List<FaqEntry>();
        var locations = new List<string>();
        var issues = new List<FaqIssue>();
        var buffer = new MemoryStream();
        await CopyLimitedAsync(stream, buffer, options.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (buffer.Length > options.MaxBytes)
        {
            return Failed(name, $"the data is larger than the import limit of {Size(options.MaxBytes)} (ServiceBot:KbBot:MaxImportBytes).");
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        switch (format)
        {
            case FaqFileFormat.Json:
                ReadJsonArray(bytes.Span, entries, locations, issues, options.Progress);
                break;
            case FaqFileFormat.Jsonl:
                ReadJsonLines(bytes, entries, locations, issues, options.Progress);
                break;
            case FaqFileFormat.Csv:
                ReadCsv(bytes, entries, locations, issues, options.Progress);
                break;
            case FaqFileFormat.Xlsx:
                FaqXlsx.Read(buffer, entries, locations, issues, options.Progress);
                break;
        }

        FaqValidator.Validate(entries, locations, issues, options);
        options.Progress?.Report(1);
        return new FaqReadResult(entries, issues.Select(i => i with { Location = $"{name}: {i.Location}" }).ToList());
    }

    /// <summary>Writes entries in <paramref name="format"/>.</summary>
    public static async Task WriteAsync(Stream stream, IReadOnlyList<FaqEntry> entries, FaqFileFormat format, CancellationToken cancellationToken = default)
    {
        switch (format)
        {
            case FaqFileFormat.Json:
                await JsonSerializer.SerializeAsync(stream, entries, JsonOptions.Indented, cancellationToken).ConfigureAwait(false);
                break;
            case FaqFileFormat.Jsonl:
                foreach (var entry in entries)
                {
                    var line = JsonSerializer.SerializeToUtf8Bytes(entry, ActivityJson.Options);
                    await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                    stream.WriteByte((byte)'\n');
                }

                break;
            case FaqFileFormat.Csv:
                await WriteCsvAsync(stream, entries, cancellationToken).ConfigureAwait(false);
                break;
            case FaqFileFormat.Xlsx:
                FaqXlsx.Write(stream, entries);
                break;
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string UnknownType(string path) =>
        $"unknown FAQ file type '{Path.GetExtension(path)}' (use .json, .jsonl, .csv or .xlsx).";

    private static FaqReadResult Failed(string name, string message) =>
        new([], [new FaqIssue(FaqIssueSeverity.Error, name, null, message)]);

    private static async Task CopyLimitedAsync(Stream source, MemoryStream target, long max, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            target.Write(chunk, 0, read);
            if (target.Length > max)
            {
                return;
            }
        }
    }

    private static void ReadJsonArray(ReadOnlySpan<byte> json, List<FaqEntry> entries, List<string> locations, List<FaqIssue> issues, IProgress<double>? progress)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var lines = new LineCounter(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, "line 1", null, "a JSON FAQ file must be an array of entries ([ {...}, ... ])."));
                return;
            }

            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                index++;
                var location = $"entry {index} (line {lines.LineAt(reader.TokenStartIndex)})";
                using var doc = JsonDocument.ParseValue(ref reader);
                if (FaqJsonMapper.FromJson(doc.RootElement, location, issues) is { } entry)
                {
                    entries.Add(entry);
                    locations.Add(location);
                }

                if ((index & 255) == 0)
                {
                    progress?.Report((double)reader.BytesConsumed / Math.Max(1, json.Length));
                }
            }
        }
        catch (JsonException e)
        {
            issues.Add(new FaqIssue(FaqIssueSeverity.Error, $"line {(e.LineNumber ?? 0) + 1}", null, $"invalid JSON: {e.Message}"));
        }
    }

    private static void ReadJsonLines(ReadOnlyMemory<byte> data, List<FaqEntry> entries, List<string> locations, List<FaqIssue> issues, IProgress<double>? progress)
    {
        var span = data.Span;
        var line = 0;
        var start = 0;
        while (start < span.Length)
        {
            var end = span[start..].IndexOf((byte)'\n');
            var slice = end < 0 ? span[start..] : span.Slice(start, end);
            line++;
            var location = $"line {line}";
            var text = slice.TrimEnd((byte)'\r');
            if (!text.Trim((byte)' ').IsEmpty)
            {
                try
                {
                    var reader = new Utf8JsonReader(text);
                    using var doc = JsonDocument.ParseValue(ref reader);
                    if (FaqJsonMapper.FromJson(doc.RootElement, location, issues) is { } entry)
                    {
                        entries.Add(entry);
                        locations.Add(location);
                    }
                }
                catch (JsonException e)
                {
                    issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, null, $"invalid JSON: {e.Message}"));
                }
            }

            start = end < 0 ? span.Length : start + end + 1;
            if ((line & 1023) == 0)
            {
                progress?.Report((double)start / span.Length);
            }
        }
    }

    private static void ReadCsv(ReadOnlyMemory<byte> data, List<FaqEntry> entries, List<string> locations, List<FaqIssue> issues, IProgress<double>? progress)
    {
        var text = Encoding.UTF8.GetString(data.Span);
        string[]? header = null;
        string?[] columns = [];
        var count = 0;
        foreach (var (line, fields) in CsvCodec.Read(text, (l, m) => issues.Add(new FaqIssue(FaqIssueSeverity.Error, $"row {l}", null, $"invalid CSV: {m}"))))
        {
            if (header is null)
            {
                header = [.. fields];
                columns = header.Select(FaqColumns.Canonical).ToArray();
                if (!CheckHeader(header, columns, issues))
                {
                    return;
                }

                continue;
            }

            var location = $"row {line}";
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i] is { } column)
                {
                    cells[column] = i < fields.Count ? fields[i] : "";
                }
            }

            if (fields.Count > header.Length && fields.Skip(header.Length).Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, cells.GetValueOrDefault(FaqColumns.Id), $"the row has {fields.Count} cells but the header has {header.Length} columns (an unquoted comma?)."));
                continue;
            }

            if (FaqRowMapper.FromRow(cells, location, issues) is { } entry)
            {
                entries.Add(entry);
                locations.Add(location);
            }

            if ((++count & 1023) == 0)
            {
                progress?.Report((double)line / Math.Max(1, text.Length / 80));
            }
        }

        if (header is null)
        {
            issues.Add(new FaqIssue(FaqIssueSeverity.Error, "row 1", null, "the CSV file is empty: it needs a header row."));
        }
    }

    /// <summary>Reports unknown columns (warning) and missing required ones (error); false when reading cannot go on.</summary>
    internal static bool CheckHeader(IReadOnlyList<string> header, IReadOnlyList<string?> columns, List<FaqIssue> issues)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (columns[i] is null && !string.IsNullOrWhiteSpace(header[i]))
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Warning, "header", null, $"unknown column '{header[i]}' is ignored."));
            }
        }

        var ok = true;
        foreach (var required in new[] { FaqColumns.Id, FaqColumns.StandardQuestion })
        {
            if (!columns.Contains(required, StringComparer.Ordinal))
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, "header", null, $"the required column '{required}' is missing (columns: {string.Join(", ", header)})."));
                ok = false;
            }
        }

        return ok;
    }

    private static async Task WriteCsvAsync(Stream stream, IReadOnlyList<FaqEntry> entries, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var columns = FaqRowMapper.ColumnsFor(entries);
            CsvCodec.WriteRecord(writer, columns);
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var row = FaqRowMapper.ToRow(entry);
                CsvCodec.WriteRecord(writer, columns.Select(c => row.GetValueOrDefault(c, "")));
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Maps byte offsets to 1-based line numbers, scanning forward only.</summary>
    private ref struct LineCounter
    {
        private readonly ReadOnlySpan<byte> _data;
        private long _position;
        private int _line;

        public LineCounter(ReadOnlySpan<byte> data)
        {
            _data = data;
            _line = 1;
        }

        public int LineAt(long offset)
        {
            if (offset > _position)
            {
                _line += _data[(int)_position..(int)offset].Count((byte)'\n');
                _position = offset;
            }

            return _line;
        }
    }

    private static string Size(long bytes) => bytes >= 1048576
        ? (bytes / 1048576.0).ToString("0.0 'MB'", System.Globalization.CultureInfo.InvariantCulture)
        : (bytes / 1024.0).ToString("0.0 'KB'", System.Globalization.CultureInfo.InvariantCulture);
}
