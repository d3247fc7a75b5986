using System.Text.Json.Serialization;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>
/// The right-hand side of a <c>when</c> condition: one value or a list of values a slot may hold
/// (<c>status: shipped</c>, <c>status: [shipped, delivered]</c>); the YAML null (<c>~</c>) means "not filled".
/// </summary>
[JsonConverter(typeof(ConditionValueJsonConverter))]
public sealed class ConditionValue(IReadOnlyList<string> values)
{
    public IReadOnlyList<string> Values { get; } = values;

    public bool Matches(string? value)
    {
        if (Values.Count == 0)
        {
            return string.IsNullOrEmpty(value);
        }

        foreach (var v in Values)
        {
            if (string.Equals(v, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every slot named in <paramref name="when"/> holds an accepted value.</summary>
    public static bool Holds(Dictionary<string, ConditionValue>? when, IReadOnlyDictionary<string, string> slots)
    {
        if (when is null)
        {
            return true;
        }

        foreach (var (slot, condition) in when)
        {
            var value = slots.GetValueOrDefault(slot);
            if (condition is null ? !string.IsNullOrEmpty(value) : !condition.Matches(value))
            {
                return false;
            }
        }

        return true;
    }
}
