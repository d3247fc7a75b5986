namespace ServiceBot.Funnel.Rules;

/// <summary>An intent named by a rule, with where it is written, so a label the bot does not know is reported at its line.</summary>
internal sealed record IntentReference(string RuleId, string Intent, int Line);
