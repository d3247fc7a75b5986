using System.Globalization;

namespace ServiceBot.TaskBot.Extraction;

/// <summary>Finds the values of one slot type in a message and shows stored values to the customer.</summary>
/// <remarks>Implementations are immutable and thread-safe: one instance serves every turn of a bot.</remarks>
public abstract class SlotExtractor
{
    protected SlotExtractor(string typeName) => TypeName = typeName;

    /// <summary>The slot type this extractor serves (<c>date</c>, <c>order-number</c>, a bot's entity type…).</summary>
    public string TypeName { get; }

    /// <summary>Adds the values found in <paramref name="input"/> to <paramref name="found"/>, leftmost first.</summary>
    public abstract void Extract(ExtractionInput input, List<SlotCandidate> found);

    /// <summary>A stored value as the customer should read it in <paramref name="locale"/>.</summary>
    public virtual string Display(string value, string locale) => value;

    /// <summary>Values offered as buttons when the slot is asked; empty for open types.</summary>
    public virtual IReadOnlyList<string> Choices(string locale) => [];

    protected static bool IsChinese(string locale) => locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
