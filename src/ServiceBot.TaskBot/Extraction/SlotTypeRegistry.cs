using ServiceBot.TaskBot.Dialogs;

namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// The slot types one bot can use: the built-in ones and those of its <c>types.yaml</c>, which may
/// also replace a built-in pattern (the company's own order-number format).
/// </summary>
public sealed class SlotTypeRegistry
{
    private readonly Dictionary<string, SlotExtractor> _extractors = new(StringComparer.OrdinalIgnoreCase);

    public SlotTypeRegistry(TaskBotLexicon lexicon, IReadOnlyDictionary<string, SlotTypeDefinition>? custom = null)
    {
        var yes = new MarkerSet(lexicon.Yes);
        var no = new MarkerSet(lexicon.No);
        YesNo = new YesNoSlotExtractor(yes, no);
        Add(YesNo);
        Add(new TextSlotExtractor());
        Add(new NumberSlotExtractor("number", amount: false));
        Add(new NumberSlotExtractor("amount", amount: true));
        Add(new DateSlotExtractor("date", withTime: false));
        Add(new DateSlotExtractor("datetime", withTime: true));
        Add(new AddressSlotExtractor());
        Add(new PatternSlotExtractor("phone", @"(?<![\d])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)", digitsOnly: true));
        Add(new PatternSlotExtractor("email", @"[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}"));
        Add(new PatternSlotExtractor("order-number", @"(?<![a-z0-9])[a-z]{0,3}\d{10,18}(?![a-z0-9])", upperCase: true));
        Add(new PatternSlotExtractor("tracking-number", @"(?<![a-z0-9])(?:sf|yt|zto|sto|jd|jdv|jt|yd|ems|ems|db|yunda)\d{9,15}(?![0-9])", upperCase: true));

        foreach (var (name, type) in custom ?? new Dictionary<string, SlotTypeDefinition>(StringComparer.Ordinal))
        {
            if (type.Values.Count > 0)
            {
                Add(new EntitySlotExtractor(name, type.Values));
            }
            else if (type.Pattern is not null)
            {
                Add(new PatternSlotExtractor(name, type.Pattern, type.UpperCase));
            }
        }
    }

    /// <summary>The names of the built-in types, for the documentation and the schema.</summary>
    public static IReadOnlyList<string> BuiltInTypes { get; } =
        ["text", "number", "amount", "date", "datetime", "address", "phone", "email", "order-number", "tracking-number", "yes-no"];

    public YesNoSlotExtractor YesNo { get; }

    public bool Contains(string type) => _extractors.ContainsKey(type);

    /// <summary>The extractor of <paramref name="type"/>.</summary>
    /// <exception cref="KeyNotFoundException">The type is unknown; dialogs are checked for this at load.</exception>
    public SlotExtractor Get(string type) => _extractors[type];

    private void Add(SlotExtractor extractor) => _extractors[extractor.TypeName] = extractor;
}
