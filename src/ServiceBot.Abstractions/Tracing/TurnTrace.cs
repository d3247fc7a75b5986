using System.Text.Json.Serialization;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Abstractions.Tracing;

/// <summary>
/// How a turn was answered: each stage's outcome and time, the candidates the answering layer
/// weighed with their scores, and notes. Returned to callers that ask for it and written with the
/// conversation log; operators and tests read it.
/// </summary>
/// <remarks>Not thread-safe; owned by one turn.</remarks>
public sealed class TurnTrace
{
    private readonly Stack<TraceStep> _open = new();

    public TurnTrace(string turnId) => TurnId = turnId;

    [JsonConstructor]
    public TurnTrace(string turnId, List<TraceStep> steps)
    {
        TurnId = turnId;
        Steps = steps;
    }

    public string TurnId { get; }

    public string? AnsweredBy { get; set; }

    public TurnOutcome Outcome { get; set; }

    /// <summary>Wall time of the whole turn in milliseconds, lock wait and state load/save included.</summary>
    public double TotalMs { get; set; }

    /// <summary>Steps in the order they started.</summary>
    public List<TraceStep> Steps { get; } = [];

    /// <summary>The step now running, to which <see cref="Note"/> and <see cref="AddCandidates"/> write.</summary>
    [JsonIgnore]
    public TraceStep? Current => _open.Count > 0 ? _open.Peek() : null;

    /// <summary>Opens a step; dispose the returned scope to close it. Steps nest (a responder inside the router).</summary>
    public TraceStep BeginStep(string name)
    {
        var step = new TraceStep(name);
        Steps.Add(step);
        _open.Push(step);
        return step;
    }

    /// <summary>Closes the innermost open step.</summary>
    public void EndStep(TraceStep step)
    {
        if (_open.Count > 0 && ReferenceEquals(_open.Peek(), step))
        {
            _open.Pop();
        }
    }

    /// <summary>Adds a note to the current step (or to a step named <c>turn</c> when none is open).</summary>
    public void Note(string key, object? value) => (Current ?? TurnStep()).Note(key, value);

    /// <summary>Adds candidates to the current step.</summary>
    public void AddCandidates(IEnumerable<TraceCandidate> candidates) => (Current ?? TurnStep()).AddCandidates(candidates);

    /// <summary>The first step with this name, or null.</summary>
    public TraceStep? Find(string name) => Steps.Find(s => s.Name == name);

    private TraceStep TurnStep()
    {
        var step = Find("turn");
        if (step is null)
        {
            step = new TraceStep("turn");
            Steps.Insert(0, step);
        }

        return step;
    }
}
