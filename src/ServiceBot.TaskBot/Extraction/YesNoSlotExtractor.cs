namespace ServiceBot.TaskBot.Extraction;

/// <summary>The <c>yes-no</c> slot type: "好的", "没问题", "yes please" → <c>yes</c>; "不用了", "nope" → <c>no</c>.</summary>
public sealed class YesNoSlotExtractor(MarkerSet yes, MarkerSet no) : SlotExtractor("yes-no")
{
    public override void Extract(ExtractionInput input, List<SlotCandidate> found)
    {
        var answer = Answer(input.Text);
        if (answer is not null)
        {
            found.Add(new SlotCandidate(answer, 0, input.Text.Length, Specific: false));
        }
    }

    /// <summary>"yes", "no" or null when the message is neither.</summary>
    /// <remarks>
    /// "No" is tried first and whole-message forms before leading words, so "不是" is not read as
    /// "是", and "好的，不过地址改一下" still starts with a yes the caller may weigh against the rest.
    /// </remarks>
    public string? Answer(string text)
    {
        if (no.IsWholeMessage(text))
        {
            return "no";
        }

        if (yes.IsWholeMessage(text))
        {
            return "yes";
        }

        if (no.StartsMessage(text))
        {
            return "no";
        }

        return yes.StartsMessage(text) ? "yes" : null;
    }

    public override string Display(string value, string locale) => (value, IsChinese(locale)) switch
    {
        ("yes", true) => "是",
        ("no", true) => "否",
        _ => value,
    };

    public override IReadOnlyList<string> Choices(string locale) => IsChinese(locale) ? ["是的", "不是"] : ["Yes", "No"];
}
