using System.Collections.Frozen;
using System.Text;

namespace ServiceBot.KbBot.Documents;

/// <summary>
/// Reads knowledge documents from files by extension: Markdown (<c>.md</c>, <c>.markdown</c>), HTML
/// (<c>.html</c>, <c>.htm</c>), plain text (<c>.txt</c>) and Word (<c>.docx</c>). Text files must be UTF-8.
/// </summary>
/// <remarks>Thread-safe. Every failure is a <see cref="DocumentReadException"/> naming the file.</remarks>
public static class DocumentFiles
{
    /// <summary>The default largest document file accepted, in bytes (<c>ServiceBot:KbBot:MaxDocumentBytes</c>).</summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    private static readonly FrozenDictionary<string, string> Formats = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".md"] = "markdown",
        [".markdown"] = "markdown",
        [".html"] = "html",
        [".htm"] = "html",
        [".txt"] = "text",
        [".docx"] = "docx",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether <paramref name="path"/> has a document extension.</summary>
    public static bool IsDocument(string path) => Formats.ContainsKey(Path.GetExtension(path));

    /// <summary>
    /// Reads every listed file, and every document file under every listed folder (recursively, hidden
    /// files skipped). A file's id is its file name; a file found in a folder is named by its path
    /// relative to that folder, with <c>/</c> separators.
    /// </summary>
    public static async Task<DocumentReadResult> ReadAllAsync(IEnumerable<string> paths, long maxBytes, CancellationToken cancellationToken)
    {
        var result = new DocumentReadResult();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var files = new List<(string File, string Id)>();
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(path, file).Replace(Path.DirectorySeparatorChar, '/');
                    if (relative.Split('/').Any(part => part.StartsWith('.')))
                    {
                        continue;
                    }

                    if (IsDocument(file))
                    {
                        files.Add((file, relative));
                    }
                    else
                    {
                        result.Skipped.Add(file);
                    }
                }
            }
            else
            {
                files.Add((path, Path.GetFileName(path)));
            }

            foreach (var (file, id) in files)
            {
                try
                {
                    if (ids.TryGetValue(id, out var other))
                    {
                        throw new DocumentReadException(file, $"another document has the same id '{id}' ({other}); rename one of them.");
                    }

                    ids[id] = file;
                    result.Documents.Add(await ReadAsync(file, id, maxBytes, cancellationToken).ConfigureAwait(false));
                }
                catch (DocumentReadException e)
                {
                    result.Errors.Add(e);
                }
            }
        }

        return result;
    }

    /// <summary>Reads one document file.</summary>
    /// <exception cref="DocumentReadException">The file is missing, too large, of an unknown format, not UTF-8, a corrupt package, or holds no text.</exception>
    public static async Task<Abstractions.Knowledge.KnowledgeDocument> ReadAsync(string path, string id, long maxBytes, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(path);
        if (!Formats.TryGetValue(extension, out var format))
        {
            throw new DocumentReadException(path, $"'{(extension.Length == 0 ? "(none)" : extension)}' is not a document format; use .md, .markdown, .html, .htm, .txt or .docx.");
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new DocumentReadException(path, "the file does not exist.");
        }

        if (info.Length > maxBytes)
        {
            throw new DocumentReadException(path, $"the file has {info.Length} bytes, more than the {maxBytes} accepted (ServiceBot:KbBot:MaxDocumentBytes).");
        }

        var title = Path.GetFileNameWithoutExtension(path);
        Abstractions.Knowledge.KnowledgeDocument document;
        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            document = format switch
            {
                "docx" => ReadDocx(id, bytes, title, maxBytes),
                "markdown" => MarkdownDocumentReader.Read(id, Decode(bytes), title),
                "html" => HtmlDocumentReader.Read(id, Decode(bytes), title),
                _ => PlainTextDocumentReader.Read(id, Decode(bytes), title),
            };
        }
        catch (DecoderFallbackException e)
        {
            throw new DocumentReadException(path, $"the file is not UTF-8 text (invalid bytes at offset {e.Index}).", e);
        }
        catch (InvalidDataException e)
        {
            throw new DocumentReadException(path, e.Message, e);
        }
        catch (IOException e)
        {
            throw new DocumentReadException(path, $"the file could not be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DocumentReadException(path, $"the file could not be read: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(document.Text))
        {
            throw new DocumentReadException(path, "the document holds no text.");
        }

        return document;
    }

    private static string Decode(byte[] bytes)
    {
        var text = StrictUtf8.GetString(bytes);
        return (text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text).ReplaceLineEndings("\n");
    }

    private static Abstractions.Knowledge.KnowledgeDocument ReadDocx(string id, byte[] bytes, string title, long maxBytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);

        // The XML inside may unpack to several times the package; a larger part is a zip bomb, not a document.
        return DocxDocumentReader.Read(id, stream, title, maxBytes * 4);
    }
}
