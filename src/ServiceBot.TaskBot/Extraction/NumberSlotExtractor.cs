using System.Globalization;

namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// The <c>number</c> and <c>amount</c> slot types over <see cref="NumberExtractor"/>: digits,
/// Chinese numerals and English number words. An amount with a currency (三百五十块, $20) is
/// specific; a bare number only answers the slot being asked.
/// </summary>
public sealed class NumberSlotExtractor(string typeName, bool amount) : SlotExtractor(typeName)
{
    public override void Extract(ExtractionInput input, List<SlotCandidate> found)
    {
        foreach (var match in NumberExtractor.Extract(input.Text))
        {
            if (match.Kind is NumberKind.Ordinal or NumberKind.Percent && amount)
            {
                continue;
            }

            var specific = amount && match.Kind == NumberKind.Amount;
            found.Add(new SlotCandidate(match.Value.ToString(CultureInfo.InvariantCulture), match.Start, match.Length, specific));
        }
    }

    public override string Display(string value, string locale)
    {
        if (!amount || !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return value;
        }

        return IsChinese(locale) ? Invariant($"{number:0.##} 元") : Invariant($"¥{number:0.00}");
    }
}
