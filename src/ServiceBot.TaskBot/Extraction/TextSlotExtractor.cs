namespace ServiceBot.TaskBot.Extraction;

/// <summary>The <c>text</c> slot type: the whole message is the answer to the slot being asked (a note, a description).</summary>
public sealed class TextSlotExtractor() : SlotExtractor("text")
{
    public override void Extract(ExtractionInput input, List<SlotCandidate> found)
    {
        var text = input.Text.Trim();
        if (text.Length > 0)
        {
            found.Add(new SlotCandidate(text, 0, input.Text.Length, Specific: false));
        }
    }
}
