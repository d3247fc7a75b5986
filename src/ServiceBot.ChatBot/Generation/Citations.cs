using System.Text;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Retrieval;

namespace ServiceBot.ChatBot.Generation;

/// <summary>
/// Turns the model's <c>[source-id]</c> markers into numbered footnotes <c>[1]</c>, in order of first
/// use, and writes the list of sources under the reply. Markers naming no passage are dropped: a
/// citation the customer cannot follow is worse than none.
/// </summary>
/// <remarks>Stateful per reply (streamed sentences are numbered consistently); not thread-safe.</remarks>
internal sealed partial class Citations(IReadOnlyList<RetrievedPassage> passages)
{
    private readonly List<RetrievedPassage> _used = [];

    public IReadOnlyList<RetrievedPassage> Used => _used;

    public string Number(string text) =>
        Marker().Replace(text, m =>
        {
            var id = m.Groups["id"].Value;
            var index = _used.FindIndex(p => string.Equals(p.SourceId, id, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                var passage = passages.FirstOrDefault(p => string.Equals(p.SourceId, id, StringComparison.OrdinalIgnoreCase));
                if (passage is null)
                {
                    return "";
                }

                _used.Add(passage);
                index = _used.Count - 1;
            }

            return "[" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        });

    public string Footnotes(string heading)
    {
        if (_used.Count == 0)
        {
            return "";
        }

        var builder = new StringBuilder("\n\n").Append(heading);
        for (var i = 0; i < _used.Count; i++)
        {
            builder.Append('\n').Append('[').Append(i + 1).Append("] ").Append(_used[i].Title);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\[(?<id>[A-Za-z][A-Za-z0-9_.:\-]{0,80})\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Marker();
}
