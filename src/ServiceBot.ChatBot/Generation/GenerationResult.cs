using ServiceBot.Abstractions.Activities;

namespace ServiceBot.ChatBot.Generation;

/// <summary>What a generation attempt produced: a reply, or why there is none (for the trace).</summary>
internal sealed record GenerationResult(Activity? Reply, string Reason, bool Streamed = false)
{
    public static GenerationResult None(string reason) => new(null, reason);
}
