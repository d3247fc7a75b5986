using System.Text.RegularExpressions;

namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// The <c>address</c> slot type. Chinese addresses are found by their administrative pattern
/// (省/自治区/市 → 市/州/盟 → 区/县/旗 → street, number), which must reach at least the district or a
/// street with a number; English ones by a house number and a street word.
/// </summary>
public sealed partial class AddressSlotExtractor() : SlotExtractor("address")
{
    public override void Extract(ExtractionInput input, List<SlotCandidate> found)
    {
        foreach (var pattern in (ReadOnlySpan<Regex>)[ChineseAddress(), EnglishAddress()])
        {
            try
            {
                var match = pattern.Match(input.Text);
                if (match.Success)
                {
                    var value = match.Value.Trim().TrimEnd('。', '.', '，', ',');
                    found.Add(new SlotCandidate(value, match.Index, value.Length, Specific: true));
                    return;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return;
            }
        }
    }

    [GeneratedRegex(@"(?:[\p{IsCJKUnifiedIdeographs}]{2,8}?(?:省|自治区|市))?[\p{IsCJKUnifiedIdeographs}]{1,8}?(?:市|自治州|州|盟|地区)?[\p{IsCJKUnifiedIdeographs}]{1,8}?(?:区|县|旗)[\p{IsCJKUnifiedIdeographs}\w\-#（）()]{2,40}?(?:路|街|道|巷|弄|里|村|镇|大厦|小区|园|号|室|栋|楼|单元)[\p{IsCJKUnifiedIdeographs}\w\-#]{0,30}|[\p{IsCJKUnifiedIdeographs}]{2,12}?(?:路|街|大道|巷|弄)\d{1,5}号[\p{IsCJKUnifiedIdeographs}\w\-#]{0,30}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ChineseAddress();

    [GeneratedRegex(@"\b\d{1,6}\s+(?:[a-z0-9.'\-]+\s+){0,4}(?:street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl)\b[^\n]{0,60}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex EnglishAddress();
}
