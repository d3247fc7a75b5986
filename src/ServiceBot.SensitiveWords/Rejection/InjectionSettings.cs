namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>The <c>rejector.injection</c> section: the prompt-injection screen.</summary>
internal sealed class InjectionSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Score (0..1) from which a message counts as an injection.</summary>
    public double Threshold { get; set; } = 0.6;

    /// <summary>A rules file (relative to bot.yaml) added to the built-in rules; a rule with a built-in id replaces it.</summary>
    public string? Rules { get; set; }

    /// <summary>Block refuses the message; anything weaker only sets the verdict for the responders (a generating one then declines or answers from grounded content).</summary>
    public RejectAction Action { get; set; } = RejectAction.Log;

    /// <summary>Messages longer than this are flagged as over-length for model input (0: no limit).</summary>
    public int MaxModelChars { get; set; }
}
