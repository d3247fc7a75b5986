namespace ServiceBot.Funnel.Rules;

/// <summary>The root of rules.yaml.</summary>
internal sealed class RulesFile
{
    public List<RuleDefinition> Rules { get; set; } = [];
}
