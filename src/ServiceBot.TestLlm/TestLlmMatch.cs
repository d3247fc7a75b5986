using System.Text.RegularExpressions;

namespace ServiceBot.TestLlm;

/// <summary>When a <see cref="TestLlmRule"/> applies. Every condition set must hold; none set matches every request.</summary>
public sealed class TestLlmMatch
{
    /// <summary>The last user message contains this text (ordinal).</summary>
    public string? Contains { get; set; }

    /// <summary>The last user message matches this regular expression.</summary>
    public string? Regex { get; set; }

    /// <summary>Some system message contains this text (ordinal), e.g. a phrase of the rewrite prompt.</summary>
    public string? SystemContains { get; set; }

    /// <summary>Only streaming (true) or only non-streaming (false) requests.</summary>
    public bool? Stream { get; set; }

    internal bool IsMatch(ChatRequestView request)
    {
        if (Contains is not null && !request.LastUserMessage.Contains(Contains, StringComparison.Ordinal))
        {
            return false;
        }

        if (Regex is not null && !System.Text.RegularExpressions.Regex.IsMatch(request.LastUserMessage, Regex, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            return false;
        }

        if (SystemContains is not null && !request.SystemMessages.Any(s => s.Contains(SystemContains, StringComparison.Ordinal)))
        {
            return false;
        }

        return Stream is null || Stream == request.Stream;
    }
}
