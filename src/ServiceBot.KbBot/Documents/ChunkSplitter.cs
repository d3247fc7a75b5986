using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Documents;

/// <summary>
/// Splits a document into chunks of at most <see cref="ChunkingSettings.Size"/> characters, section by
/// section (a heading starts a section, and a chunk never spans two). Within a section the text is cut
/// at the strongest separator that makes the pieces small enough, in this order: blank line, line end,
/// sentence end (。！？； and . ! ? ; before a space), clause (，、 and , before a space), space, and
/// finally any character (never between the two halves of a surrogate pair). Pieces are then packed
/// greedily, and every chunk after the first of its section starts <see cref="ChunkingSettings.Overlap"/>
/// characters before the end of the previous one.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
internal static class ChunkSplitter
{
    private const int Paragraph = 0;
    private const int Line = 1;
    private const int Sentence = 2;
    private const int Clause = 3;
    private const int Word = 4;
    private const int Character = 5;

    /// <summary>The document's chunks in text order, numbered from 0.</summary>
    /// <exception cref="ArgumentException">The settings are invalid (see <see cref="ChunkingSettings.Validate"/>).</exception>
    public static List<DocumentChunk> Split(KnowledgeDocument document, ChunkingSettings settings)
    {
        var problems = settings.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }

        var text = document.Text;
        var chunks = new List<DocumentChunk>();
        var headings = document.Headings.OrderBy(h => h.Offset).ToList();
        var path = new List<DocumentHeading>();
        var sectionStart = 0;
        for (var h = 0; h <= headings.Count; h++)
        {
            var sectionEnd = h < headings.Count ? Math.Clamp(headings[h].Offset, sectionStart, text.Length) : text.Length;
            AddSection(chunks, document, path.ConvertAll(p => p.Title), sectionStart, sectionEnd, settings);
            if (h < headings.Count)
            {
                path.RemoveAll(p => p.Level >= headings[h].Level);
                path.Add(headings[h]);
                sectionStart = sectionEnd;
            }
        }

        return chunks;
    }

    private static void AddSection(List<DocumentChunk> chunks, KnowledgeDocument document, List<string> path, int start, int end, ChunkingSettings settings)
    {
        var text = document.Text;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (start == end)
        {
            return;
        }

        var segments = new List<(int Start, int End)>();
        Segment(text, start, end, Paragraph, settings.Size - settings.Overlap, segments);
        for (var i = 0; i < segments.Count; i++)
        {
            var (segmentStart, segmentEnd) = segments[i];
            var chunkStart = segmentStart;
            if (i > 0)
            {
                chunkStart = Math.Max(start, segmentStart - settings.Overlap);
                if (char.IsLowSurrogate(text[chunkStart]) && chunkStart < segmentStart)
                {
                    chunkStart++;
                }
            }

            var chunk = text[chunkStart..segmentEnd];
            if (!string.IsNullOrWhiteSpace(chunk))
            {
                chunks.Add(new DocumentChunk(document.Id, document.Title, chunks.Count, path, chunk, chunkStart, segmentEnd));
            }
        }
    }

    // Contiguous segments covering [start, end), each at most max characters.
    private static void Segment(string text, int start, int end, int level, int max, List<(int, int)> output)
    {
        if (end - start <= max)
        {
            output.Add((start, end));
            return;
        }

        if (level == Character)
        {
            while (start < end)
            {
                var cut = Math.Min(end, start + max);
                if (cut < end && char.IsLowSurrogate(text[cut]) && cut - 1 > start)
                {
                    cut--;
                }

                output.Add((start, cut));
                start = cut;
            }

            return;
        }

        var pieces = Pieces(text, start, end, level);
        if (pieces.Count == 1)
        {
            Segment(text, start, end, level + 1, max, output);
            return;
        }

        var pending = (Start: -1, End: -1);
        foreach (var (pieceStart, pieceEnd) in pieces)
        {
            if (pending.Start >= 0 && pieceEnd - pending.Start <= max)
            {
                pending.End = pieceEnd;
                continue;
            }

            if (pending.Start >= 0)
            {
                output.Add(pending);
                pending = (-1, -1);
            }

            if (pieceEnd - pieceStart > max)
            {
                Segment(text, pieceStart, pieceEnd, level + 1, max, output);
            }
            else
            {
                pending = (pieceStart, pieceEnd);
            }
        }

        if (pending.Start >= 0)
        {
            output.Add(pending);
        }
    }

    // Pieces of [start, end) cut after each separator of the level; a separator's trailing whitespace stays with its piece.
    private static List<(int Start, int End)> Pieces(string text, int start, int end, int level)
    {
        var pieces = new List<(int, int)>();
        var pieceStart = start;
        var i = start;
        while (i < end)
        {
            var cut = CutAfter(text, i, end, level);
            if (cut < 0)
            {
                i++;
                continue;
            }

            while (cut < end && char.IsWhiteSpace(text[cut]))
            {
                cut++;
            }

            if (cut < end)
            {
                pieces.Add((pieceStart, cut));
                pieceStart = cut;
            }

            i = cut;
        }

        pieces.Add((pieceStart, end));
        return pieces;
    }

    // Where a piece ends when a separator of the level is at i, or -1.
    private static int CutAfter(string text, int i, int end, int level)
    {
        var c = text[i];
        var spaceAfter = i + 1 >= end || char.IsWhiteSpace(text[i + 1]);
        return level switch
        {
            Paragraph => c == '\n' && i + 1 < end && text[i + 1] is '\n' or '\r' ? i + 2 : -1,
            Line => c == '\n' ? i + 1 : -1,
            Sentence => c is '。' or '！' or '？' or '；' || (c is '.' or '!' or '?' or ';' && spaceAfter) ? ClosingMarks(text, i + 1, end) : -1,
            Clause => c is '，' or '、' || (c == ',' && spaceAfter) ? ClosingMarks(text, i + 1, end) : -1,
            Word => c == ' ' ? i + 1 : -1,
            _ => -1,
        };
    }

    // A sentence's closing quotes and brackets belong to it ("好。」" ends after the bracket).
    private static int ClosingMarks(string text, int i, int end)
    {
        while (i < end && text[i] is '"' or '\'' or '”' or '’' or '」' or '』' or '）' or ')' or '】' or '》')
        {
            i++;
        }

        return i;
    }
}
