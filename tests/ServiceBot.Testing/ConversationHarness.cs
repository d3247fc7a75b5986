using System.Text.Json;
using ServiceBot.Server.Endpoints;

namespace ServiceBot.Testing;

/// <summary>
/// One conversation with a test server, written as a script:
/// <code>await chat.Send("怎么退货").AssertReply(contains: "7天").AssertAnsweredBy("kbbot");</code>
/// Each step runs the real pipeline over HTTP; assertions read the replies and the trace.
/// </summary>
public sealed class ConversationHarness
{
    private readonly ServiceBotTestServer _server;

    internal ConversationHarness(ServiceBotTestServer server, string? botId, string conversationId, string? locale, string userId)
    {
        _server = server;
        BotId = botId;
        ConversationId = conversationId;
        Locale = locale;
        UserId = userId;
    }

    public string? BotId { get; }

    public string ConversationId { get; }

    public string? Locale { get; set; }

    public string UserId { get; }

    /// <summary>IANA time zone sent with every turn.</summary>
    public string? Timezone { get; set; }

    /// <summary>The response to the last turn.</summary>
    public TurnApiResponse? Last { get; private set; }

    /// <summary>Every response so far, oldest first.</summary>
    public List<TurnApiResponse> History { get; } = [];

    /// <summary>A turn sending <paramref name="text"/>; runs when awaited.</summary>
    public PendingTurn Send(string text) => new(this, () => Request(text, null));

    /// <summary>
    /// A turn clicking the suggested action of the last reply whose title contains
    /// <paramref name="title"/>; sends the action's value as the channel would.
    /// </summary>
    public PendingTurn Click(string title) => new(this, () =>
    {
        var action = (Last?.Replies ?? [])
            .SelectMany(r => r.SuggestedActions?.Actions ?? [])
            .FirstOrDefault(a => a.Title?.Contains(title, StringComparison.Ordinal) == true)
            ?? throw new Xunit.Sdk.XunitException($"The last reply offers no suggestion titled '{title}'. Offered: {string.Join(" | ", (Last?.Replies ?? []).SelectMany(r => r.SuggestedActions?.Actions ?? []).Select(a => a.Title))}");
        var text = action.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : action.Title;
        return Request(text ?? "", null);
    });

    internal async Task<TurnApiResponse> RunAsync(TurnApiRequest request)
    {
        var response = await _server.SendAsync(request, TestContext.Current.CancellationToken).ConfigureAwait(false);
        Last = response;
        History.Add(response);
        return response;
    }

    private TurnApiRequest Request(string? text, JsonElement? value) => new()
    {
        BotId = BotId,
        ConversationId = ConversationId,
        UserId = UserId,
        Text = text,
        Value = value,
        Locale = Locale,
        Timezone = Timezone,
        Trace = true,
    };
}
