using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Server.Endpoints;

namespace ServiceBot.Testing;

/// <summary>A turn and what is expected of it; sent when awaited, then every assertion runs in order.</summary>
public sealed class PendingTurn
{
    private readonly ConversationHarness _conversation;
    private readonly Func<TurnApiRequest> _request;
    private readonly List<Action<TurnApiResponse>> _assertions = [];

    internal PendingTurn(ConversationHarness conversation, Func<TurnApiRequest> request)
    {
        _conversation = conversation;
        _request = request;
    }

    /// <summary>Some reply contains <paramref name="contains"/> and/or matches the regex <paramref name="matches"/>.</summary>
    public PendingTurn AssertReply(string? contains = null, string? matches = null) => Add(r =>
    {
        var texts = r.Replies.Select(a => a.Text ?? "").ToList();
        if (contains is not null && !texts.Exists(t => t.Contains(contains, StringComparison.OrdinalIgnoreCase)))
        {
            Fail(r, $"no reply contains '{contains}'");
        }

        if (matches is not null && !texts.Exists(t => Regex.IsMatch(t, matches, RegexOptions.None, TimeSpan.FromSeconds(1))))
        {
            Fail(r, $"no reply matches /{matches}/");
        }
    });

    /// <summary>No reply contains <paramref name="text"/>.</summary>
    public PendingTurn AssertNoReplyContaining(string text) => Add(r =>
    {
        if (r.Replies.Any(a => (a.Text ?? "").Contains(text, StringComparison.OrdinalIgnoreCase)))
        {
            Fail(r, $"a reply contains '{text}'");
        }
    });

    /// <summary>The turn produced no reply (e.g. relayed to an operator).</summary>
    public PendingTurn AssertNoReply() => Add(r =>
    {
        if (r.Replies.Count > 0)
        {
            Fail(r, "expected no reply");
        }
    });

    public PendingTurn AssertAnsweredBy(string layer) => Add(r =>
    {
        if (!string.Equals(r.AnsweredBy, layer, StringComparison.OrdinalIgnoreCase))
        {
            Fail(r, $"expected the answer from '{layer}'");
        }
    });

    public PendingTurn AssertOutcome(TurnOutcome outcome) => Add(r =>
    {
        if (r.Outcome != outcome)
        {
            Fail(r, $"expected outcome {outcome}");
        }
    });

    /// <summary>Some reply offers a suggested action whose title contains <paramref name="title"/>.</summary>
    public PendingTurn AssertSuggestion(string title) => Add(r =>
    {
        if (!r.Replies.SelectMany(a => a.SuggestedActions?.Actions ?? []).Any(a => a.Title?.Contains(title, StringComparison.OrdinalIgnoreCase) == true))
        {
            Fail(r, $"no suggestion titled '{title}'");
        }
    });

    /// <summary>Runs a custom check on the trace.</summary>
    public PendingTurn AssertTrace(Action<TurnTrace> check) => Add(r => check(r.Trace ?? throw new Xunit.Sdk.XunitException("The response has no trace.")));

    /// <summary>Runs a custom check on the whole response.</summary>
    public PendingTurn Assert(Action<TurnApiResponse> check) => Add(check);

    public TaskAwaiter<TurnApiResponse> GetAwaiter() => RunAsync().GetAwaiter();

    private async Task<TurnApiResponse> RunAsync()
    {
        var response = await _conversation.RunAsync(_request()).ConfigureAwait(false);
        foreach (var assertion in _assertions)
        {
            assertion(response);
        }

        return response;
    }

    private PendingTurn Add(Action<TurnApiResponse> assertion)
    {
        _assertions.Add(assertion);
        return this;
    }

    private static void Fail(TurnApiResponse response, string problem) =>
        throw new Xunit.Sdk.XunitException(
            $"Turn {response.TurnId}: {problem}.\n  outcome: {response.Outcome}, answered by: {response.AnsweredBy}\n  replies:\n"
            + string.Join("\n", response.Replies.Select(a => "    • " + a.Text + (a.SuggestedActions is { } s ? "  [" + string.Join(" | ", s.Actions.Select(x => x.Title)) + "]" : "")))
            + "\n  trace: " + string.Join(" → ", (response.Trace?.Steps ?? []).Select(s => $"{s.Name}:{s.Outcome}")));
}
