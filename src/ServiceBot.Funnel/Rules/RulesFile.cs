using System.Text.Json.Serialization;

namespace ServiceBot.Funnel.Rules;

/// <summary>The root of rules.yaml.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class RulesFile
{
    public List<RuleDefinition> Rules { get; set; } = [];
}
