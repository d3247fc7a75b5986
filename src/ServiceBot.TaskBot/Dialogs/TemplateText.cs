using System.Text;
using System.Text.RegularExpressions;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>
/// The <c>{name}</c> variables of dialog texts, action paths, headers and bodies: the one place
/// their syntax is read, by the loader's checks and by every place that fills them.
/// </summary>
internal static partial class TemplateText
{
    /// <summary>The variable names a template uses, in order.</summary>
    public static IEnumerable<string> Variables(string template) => Pattern().Matches(template).Select(m => m.Groups[1].Value);

    /// <summary>
    /// Replaces each variable with <paramref name="value"/>'s answer for its name; a null answer
    /// leaves the variable as written.
    /// </summary>
    public static string Fill(string template, Func<string, string?> value)
    {
        var builder = new StringBuilder(template.Length + 32);
        var last = 0;
        foreach (Match match in Pattern().Matches(template))
        {
            builder.Append(template, last, match.Index - last);
            builder.Append(value(match.Groups[1].Value) ?? match.Value);
            last = match.Index + match.Length;
        }

        return builder.Append(template, last, template.Length - last).ToString();
    }

    /// <summary>True when the whole template is one variable (<c>"{order_id}"</c>), whose name is returned.</summary>
    public static bool IsSingleVariable(string template, out string name)
    {
        var match = Pattern().Match(template);
        name = match.Success && match.Length == template.Length ? match.Groups[1].Value : "";
        return name.Length > 0;
    }

    [GeneratedRegex(@"\{([a-z0-9_:\-]+)\}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Pattern();
}
