using System.Text.Json.Serialization;

namespace ServiceBot.Abstractions.Tracing;

/// <summary>One stage or responder in a <see cref="TurnTrace"/>.</summary>
public sealed class TraceStep
{
    public TraceStep(string name) => Name = name;

    public string Name { get; }

    public StepOutcome Outcome { get; set; }

    /// <summary>Time spent in this step itself, excluding later stages it awaited, in milliseconds.</summary>
    public double ElapsedMs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, object?>? Notes { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<TraceCandidate>? Candidates { get; set; }

    public void Note(string key, object? value) => (Notes ??= new(StringComparer.Ordinal))[key] = value;

    public void AddCandidates(IEnumerable<TraceCandidate> candidates) => (Candidates ??= []).AddRange(candidates);
}
