using System.Collections.Concurrent;
using System.Text.Json;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>
/// A turn processor with a fixed script, for protocol tests that must not depend on the pipeline:
/// a welcome on join, an FAQ answer, "did you mean" suggestions, a handoff, a streamed reply, and an
/// echo for anything else. Records every activity it was given and logs each turn.
/// </summary>
public sealed class ScriptedTurnProcessor(InMemoryConversationLog log) : ITurnProcessor
{
    public const string BotId = "shop";
    public const string Welcome = "您好，我是鹿鸣商城智能客服，请问有什么可以帮您？";
    public const string ReturnsAnswer = "鹿鸣商城支持**7天无理由退货**，详见[退换货政策](https://shop.example.com/returns)。";
    public const string ShippingQuestion = "运费怎么算";
    public const string ShippingAnswer = "订单满99元包邮，不满99元收取8元运费。";
    public const string DeliveryQuestion = "多久能送到";
    public const string DeliveryAnswer = "标准配送2-5天送达。";
    public const string HandoffReply = "正在为您转接人工客服，请稍候。";

    private readonly ConcurrentQueue<Activity> _received = new();

    public IReadOnlyCollection<Activity> Received => _received;

    /// <summary>When set, a turn waits for it before answering (to test ordering and slow turns).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public async Task<TurnResult> ProcessAsync(Activity activity, TurnRequest request, CancellationToken cancellationToken)
    {
        if (request.BotId is { } bot && bot != BotId)
        {
            throw new UnknownBotException(bot);
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            throw new InvalidActivityException("The activity has no conversation id.");
        }

        _received.Enqueue(Clone(activity));
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var turnId = Guid.NewGuid().ToString("N");
        var (outcome, replies) = await AnswerAsync(activity, request.Stream, cancellationToken);
        await log.AppendAsync(new TurnRecord
        {
            TurnId = turnId,
            BotId = BotId,
            ConversationId = activity.Conversation.Id,
            ChannelId = activity.ChannelId,
            UserId = activity.From?.Id,
            Timestamp = DateTimeOffset.UtcNow,
            UserText = activity.Text ?? "",
            ReplyTexts = [.. replies.Select(r => r.Text ?? "")],
            Outcome = outcome,
        }, cancellationToken);
        return new TurnResult(turnId, BotId, replies, outcome, "script", new TurnTrace(turnId));
    }

    private static async Task<(TurnOutcome, List<Activity>)> AnswerAsync(Activity activity, IReplyStream? stream, CancellationToken cancellationToken)
    {
        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            return activity.MembersAdded?.Exists(m => m.Id != activity.Recipient?.Id) == true
                ? (TurnOutcome.Answered, [activity.CreateReply(Welcome)])
                : (TurnOutcome.None, []);
        }

        if (activity.Type != ActivityTypes.Message)
        {
            return (TurnOutcome.None, []);
        }

        var text = activity.Text ?? "";
        if (text.Contains("退货", StringComparison.Ordinal))
        {
            var reply = activity.CreateReply(ReturnsAnswer);
            reply.TextFormat = TextFormats.Markdown;
            return (TurnOutcome.Answered, [reply]);
        }

        if (text == ShippingQuestion)
        {
            return (TurnOutcome.Answered, [activity.CreateReply(ShippingAnswer)]);
        }

        if (text == DeliveryQuestion)
        {
            return (TurnOutcome.Answered, [activity.CreateReply(DeliveryAnswer)]);
        }

        if (text.Contains("运费", StringComparison.Ordinal) || text.Contains("快递", StringComparison.Ordinal))
        {
            var reply = activity.CreateReply("您是不是想问：");
            reply.SuggestedActions = new SuggestedActions
            {
                Actions =
                [
                    new CardAction { Type = CardActionTypes.ImBack, Title = ShippingQuestion, Value = JsonSerializer.SerializeToElement(ShippingQuestion) },
                    new CardAction { Type = CardActionTypes.ImBack, Title = DeliveryQuestion, Value = JsonSerializer.SerializeToElement(DeliveryQuestion) },
                    new CardAction { Type = CardActionTypes.OpenUrl, Title = "配送说明", Value = JsonSerializer.SerializeToElement("https://shop.example.com/delivery") },
                ],
            };
            return (TurnOutcome.Suggested, [reply]);
        }

        if (text is "转人工" or "talk to a human")
        {
            return (TurnOutcome.HandedOff, [activity.CreateReply(HandoffReply)]);
        }

        if (text.StartsWith("stream", StringComparison.Ordinal) && stream is not null)
        {
            await stream.SendTypingAsync(cancellationToken);
            var parts = new[] { "第一句。", "第二句。", "第三句。" };
            if (stream.SupportsStreaming)
            {
                foreach (var part in parts)
                {
                    await stream.AppendAsync("s1", part, activity.CreateReply(""), cancellationToken);
                    await Task.Delay(50, cancellationToken);
                }
            }

            var final = activity.CreateReply(string.Concat(parts));
            final.Id = "s1";
            return (TurnOutcome.Answered, [final]);
        }

        return (TurnOutcome.Fallback, [activity.CreateReply("echo: " + text)]);
    }

    private static Activity Clone(Activity activity) =>
        JsonSerializer.Deserialize<Activity>(JsonSerializer.SerializeToUtf8Bytes(activity, ActivityJson.Options), ActivityJson.Options)!;
}
