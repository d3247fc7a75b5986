using ServiceBot.TaskBot.Dialogs;

namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// A slot type whose values are a list the bot defines (return reasons, invoice types), each with
/// synonyms. The longest surface form wins where forms overlap ("不合适" inside "尺码不合适").
/// </summary>
public sealed class EntitySlotExtractor : SlotExtractor
{
    private readonly (string Surface, string Value)[] _surfaces;
    private readonly Dictionary<string, EntityValue> _values;

    public EntitySlotExtractor(string typeName, IEnumerable<EntityValue> values)
        : base(typeName)
    {
        _values = new Dictionary<string, EntityValue>(StringComparer.OrdinalIgnoreCase);
        var surfaces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            _values[value.Value] = value;
            foreach (var surface in value.Synonyms.Append(value.Value).Concat(value.Label?.Variants.Values.SelectMany(v => v) ?? []))
            {
                var key = surface.Trim().ToLowerInvariant();
                if (key.Length > 0)
                {
                    surfaces.TryAdd(key, value.Value);
                }
            }
        }

        _surfaces = [.. surfaces.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Key.Length)];
    }

    public override void Extract(ExtractionInput input, List<SlotCandidate> found)
    {
        var text = input.Text;
        var taken = new bool[text.Length];
        var start = found.Count;
        foreach (var (surface, value) in _surfaces)
        {
            var at = 0;
            while ((at = text.IndexOf(surface, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                if (IsFree(taken, at, surface.Length) && IsWordBoundary(text, at, surface.Length))
                {
                    Array.Fill(taken, true, at, surface.Length);
                    found.Add(new SlotCandidate(value, at, surface.Length, Specific: true));
                }

                at += surface.Length;
            }
        }

        found.Sort(start, found.Count - start, Comparer<SlotCandidate>.Create((a, b) => a.Start.CompareTo(b.Start)));
    }

    public override string Display(string value, string locale) =>
        _values.TryGetValue(value, out var entity) && entity.Label is { } label ? label.Pick(locale, Random.Shared) : value;

    public override IReadOnlyList<string> Choices(string locale) => [.. _values.Values.Select(v => Display(v.Value, locale))];

    private static bool IsFree(bool[] taken, int start, int length) => Array.IndexOf(taken, true, start, length) < 0;

    // Latin surfaces match whole words only, so "size" does not fire inside "oversized".
    private static bool IsWordBoundary(string text, int start, int length)
    {
        static bool IsLatin(char c) => char.IsAsciiLetterOrDigit(c);
        if (IsLatin(text[start]) && start > 0 && IsLatin(text[start - 1]))
        {
            return false;
        }

        var end = start + length;
        return !(IsLatin(text[end - 1]) && end < text.Length && IsLatin(text[end]));
    }
}
