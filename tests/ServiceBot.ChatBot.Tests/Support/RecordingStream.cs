using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.ChatBot.Tests.Support;

/// <summary>A streaming channel that records what it was sent.</summary>
internal sealed class RecordingStream : IReplyStream
{
    public bool SupportsStreaming => true;

    public int Typing { get; private set; }

    public List<string> Chunks { get; } = [];

    public ValueTask SendTypingAsync(CancellationToken cancellationToken)
    {
        Typing++;
        return ValueTask.CompletedTask;
    }

    public ValueTask AppendAsync(string streamId, string text, Activity template, CancellationToken cancellationToken)
    {
        Chunks.Add(text);
        return ValueTask.CompletedTask;
    }
}
