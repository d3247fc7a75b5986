using System.Text.RegularExpressions;

namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// A slot type recognised by a regular expression: order and tracking numbers, phone numbers,
/// emails, and any pattern type a bot defines. The group named <c>value</c>, when present, is the
/// value; otherwise the whole match. Separators (spaces, dashes) are dropped from digit-only values.
/// </summary>
public sealed class PatternSlotExtractor : SlotExtractor
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);
    private readonly Regex _pattern;
    private readonly bool _upperCase;
    private readonly bool _digitsOnly;

    public PatternSlotExtractor(string typeName, string pattern, bool upperCase = false, bool digitsOnly = false)
        : base(typeName)
    {
        _pattern = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        _upperCase = upperCase;
        _digitsOnly = digitsOnly;
    }

    public override void Extract(ExtractionInput input, List<SlotCandidate> found)
    {
        try
        {
            foreach (Match match in _pattern.Matches(input.Text))
            {
                var group = match.Groups["value"] is { Success: true } named ? named : match.Groups[0];
                var value = group.Value.Trim();
                if (_digitsOnly)
                {
                    value = string.Concat(value.Where(c => char.IsAsciiDigit(c) || c == '+'));
                }

                if (_upperCase)
                {
                    value = value.ToUpperInvariant();
                }

                if (value.Length > 0)
                {
                    found.Add(new SlotCandidate(value, group.Index, group.Length, Specific: true));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological message must cost a missed value, not the turn.
        }
    }
}
