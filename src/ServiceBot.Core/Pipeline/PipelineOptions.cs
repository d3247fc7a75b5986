namespace ServiceBot.Core.Pipeline;

/// <summary>
/// The order of the turn pipeline under <c>ServiceBot:Pipeline</c>. The default order below is the
/// one place it is written; configuration may reorder or switch stages off, and every bot may switch
/// stages off in its <c>bot.yaml</c> (<c>pipeline: { disabled: [cache] }</c>).
/// </summary>
public sealed class PipelineOptions
{
    public const string Section = "ServiceBot:Pipeline";

    /// <summary>The stage order of DESIGN.md: guard → analyze → funnel → rejector → router → post-filter.</summary>
    public static IReadOnlyList<string> DefaultOrder { get; } =
    [
        "guard",      // size, encoding, empty, flood, rate limits
        "analyze",    // normalize + segment once
        "handoff",    // funnel 1: conversation with a human → relay
        "dialog",     // funnel 2: active workflow continues
        "rules",      // funnel 3: greetings, thanks, bye, 转人工
        "cache",      // funnel 4: high-frequency answers
        "rejector",   // sensitive words, prompt injection
        "router",     // TaskBot → KB-Bot → ChatBot
        "postfilter", // checks on every generated reply
    ];

    /// <summary>Stage names in order; null or empty means <see cref="DefaultOrder"/>.</summary>
    public List<string>? Stages { get; set; }

    /// <summary>Stages switched off for every bot.</summary>
    public List<string> Disabled { get; set; } = [];

    /// <summary>When true, a stage named in the order but not registered is an error; otherwise it is skipped with a warning (features not installed).</summary>
    public bool RequireAllStages { get; set; }

    internal IReadOnlyList<string> EffectiveOrder => Stages is { Count: > 0 } ? Stages : DefaultOrder;
}
