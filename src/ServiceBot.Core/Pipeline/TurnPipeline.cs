using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Core.Pipeline;

/// <summary>
/// Runs the ordered stages for a turn, recording each stage's outcome and its own time (excluding
/// the later stages it awaits) in the trace.
/// </summary>
/// <remarks>
/// The order is resolved once at construction and checked: unknown or duplicate names fail start-up.
/// Thread-safe; per-bot switches are read from the bot definition on each turn (a cached lookup).
/// </remarks>
internal sealed partial class TurnPipeline
{
    private readonly ITurnStage[] _stages;
    private readonly HashSet<string> _disabled;
    private readonly ConditionalWeakTable<BotDefinition, HashSet<string>> _botDisabled = [];

    public TurnPipeline(IEnumerable<ITurnStage> stages, IOptions<PipelineOptions> options, ILogger<TurnPipeline> logger)
    {
        var settings = options.Value;
        var byName = new Dictionary<string, ITurnStage>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in stages)
        {
            if (!byName.TryAdd(stage.Name, stage))
            {
                throw new InvalidOperationException($"Two pipeline stages are registered with the name '{stage.Name}' ({byName[stage.Name].GetType().Name} and {stage.GetType().Name}).");
            }
        }

        var order = settings.EffectiveOrder;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<ITurnStage>();
        foreach (var name in order)
        {
            if (!seen.Add(name))
            {
                throw new InvalidOperationException($"Pipeline stage '{name}' appears twice in ServiceBot:Pipeline:Stages.");
            }

            if (byName.Remove(name, out var stage))
            {
                ordered.Add(stage);
            }
            else if (settings.RequireAllStages)
            {
                throw new InvalidOperationException($"Pipeline stage '{name}' is in the order but no component registers it.");
            }
            else
            {
                LogStageMissing(logger, name);
            }
        }

        if (byName.Count > 0)
        {
            throw new InvalidOperationException($"Pipeline stage(s) {string.Join(", ", byName.Keys.Select(k => $"'{k}'"))} are registered but not placed in the order (ServiceBot:Pipeline:Stages).");
        }

        _stages = [.. ordered];
        _disabled = new HashSet<string>(settings.Disabled, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Names of the stages in the order they run.</summary>
    public IReadOnlyList<string> Order => Array.ConvertAll(_stages, s => s.Name);

    /// <summary>Runs the pipeline. Exceptions from stages propagate (after marking the failing step) to the turn processor.</summary>
    public ValueTask RunAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var disabled = DisabledFor(turn.Bot);
        return Invoke(0, turn, disabled, cancellationToken);
    }

    private async ValueTask Invoke(int index, TurnContext turn, HashSet<string> disabled, CancellationToken cancellationToken)
    {
        if (index >= _stages.Length)
        {
            return;
        }

        var stage = _stages[index];
        var step = turn.Trace.BeginStep(stage.Name);
        if (disabled.Contains(stage.Name) || _disabled.Contains(stage.Name))
        {
            step.Outcome = StepOutcome.Skipped;
            turn.Trace.EndStep(step);
            await Invoke(index + 1, turn, disabled, cancellationToken).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var nextCalled = false;
        var failedInNext = false;
        long inNext = 0;

        // What the stage itself changed: its own notes, and the replies before it called next and
        // after next returned (changes in between belong to later stages).
        var notesBefore = step.Notes?.Count ?? 0;
        var replyCountBefore = turn.Replies.Count;
        var changedBeforeNext = false;
        var repliesAfterNext = 0;
        IReadOnlyList<Abstractions.Activities.Activity>? replySnapshotAfterNext = null;
        try
        {
            await stage.InvokeAsync(
                turn,
                async (t, ct) =>
                {
                    nextCalled = true;
                    changedBeforeNext = turn.Replies.Count != replyCountBefore;
                    turn.Trace.EndStep(step);
                    var nextStarted = Stopwatch.GetTimestamp();
                    try
                    {
                        await Invoke(index + 1, t, disabled, ct).ConfigureAwait(false);
                    }
                    catch
                    {
                        failedInNext = true;
                        throw;
                    }
                    finally
                    {
                        inNext += Stopwatch.GetTimestamp() - nextStarted;
                        repliesAfterNext = turn.Replies.Count;
                        replySnapshotAfterNext = [.. turn.Replies];
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!failedInNext)
        {
            step.Outcome = StepOutcome.Failed;
            throw;
        }
        finally
        {
            step.ElapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds - TimeSpan.FromTicks(inNext * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalMilliseconds;
            turn.Trace.EndStep(step);
        }

        if (step.Outcome is StepOutcome.Failed or StepOutcome.Blocked or StepOutcome.Skipped)
        {
            return;
        }

        if (!nextCalled)
        {
            step.Outcome = turn.Outcome is TurnOutcome.Refused or TurnOutcome.Blocked ? StepOutcome.Blocked : StepOutcome.Answered;
            return;
        }

        var changedAfterNext = turn.Replies.Count != repliesAfterNext
            || (replySnapshotAfterNext is not null && !turn.Replies.SequenceEqual(replySnapshotAfterNext));
        if (step.Outcome == StepOutcome.Passed && ((step.Notes?.Count ?? 0) > notesBefore || (step.Candidates?.Count ?? 0) > 0 || changedBeforeNext || changedAfterNext))
        {
            step.Outcome = StepOutcome.Annotated;
        }
    }

    private HashSet<string> DisabledFor(BotDefinition bot) =>
        _botDisabled.GetValue(bot, static b => new HashSet<string>(b.GetSettings<BotPipelineSettings>("pipeline").Disabled, StringComparer.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline stage '{Stage}' is in the order but not installed; it is skipped.")]
    private static partial void LogStageMissing(ILogger logger, string stage);
}
