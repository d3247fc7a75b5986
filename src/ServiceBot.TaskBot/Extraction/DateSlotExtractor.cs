using System.Globalization;

namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// The <c>date</c> and <c>datetime</c> slot types over <see cref="DateTimeExtractor"/>, resolved
/// against the customer's own "now". Values are stored as ISO text (<c>2026-11-23</c>,
/// <c>2026-11-23T15:00</c>) so that state and backend calls do not depend on a time zone.
/// </summary>
public sealed class DateSlotExtractor(string typeName, bool withTime) : SlotExtractor(typeName)
{
    private static readonly string[] ChineseWeekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    public override void Extract(ExtractionInput input, List<SlotCandidate> found)
    {
        foreach (var match in DateTimeExtractor.Extract(input.Text, input.Now))
        {
            var value = withTime && match.Granularity == DateTimeGranularity.DateTime
                ? match.Value.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
                : match.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            found.Add(new SlotCandidate(value, match.Start, match.Length, Specific: true));
        }
    }

    public override string Display(string value, string locale)
    {
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            return value;
        }

        var hasTime = value.Contains('T', StringComparison.Ordinal);
        if (IsChinese(locale))
        {
            var day = Invariant($"{moment.Month}月{moment.Day}日（{ChineseWeekdays[(int)moment.DayOfWeek]}）");
            return hasTime ? day + moment.ToString(" HH:mm", CultureInfo.InvariantCulture) : day;
        }

        var english = moment.ToString("ddd, d MMM", CultureInfo.InvariantCulture);
        return hasTime ? english + moment.ToString(", h:mm tt", CultureInfo.InvariantCulture) : english;
    }

    /// <summary>Days from the customer's today to a stored value, for <c>min-days</c>/<c>max-days</c> checks.</summary>
    public static int? DaysFromToday(string value, DateTimeOffset now) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            ? (int)(moment.Date - now.Date).TotalDays
            : null;
}
