using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Nlu;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Turns;
using ServiceBot.TaskBot.Nlu;
using ServiceBot.Testing;

namespace ServiceBot.TaskBot.Tests.Nlu;

/// <summary>TaskBot's classifier as the server's <see cref="IIntentRecognizer"/>, over the sample shop bot.</summary>
public sealed class TaskBotIntentRecognizerTests : IAsyncLifetime
{
    private ServiceBotTestServer? _server;

    private IIntentRecognizer Recognizer => (_server ?? throw new InvalidOperationException("The server has not started.")).Services.GetRequiredService<IIntentRecognizer>();

    private BotDefinition Shop => _server!.Services.GetRequiredService<IBotCatalog>().TryGet("shop", out var bot) ? bot : throw new InvalidOperationException("No shop bot.");

    public async ValueTask InitializeAsync() => _server = await ServiceBotTestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheIntentsAreTheTriggerableDialogs()
    {
        var intents = await Recognizer.GetIntentsAsync(Shop, TestContext.Current.CancellationToken);

        Assert.NotNull(intents);
        Assert.Contains("refund-status", intents);
        Assert.Contains("return-request", intents);
        Assert.DoesNotContain("verify-phone", intents);
        Assert.DoesNotContain("_none", intents);
    }

    [Fact]
    public async Task ATurnAlreadyClassifiedIsNotClassifiedAgain()
    {
        // The turn is not analyzed: classifying it would throw, so the answer can only come from the
        // prediction the turn carries.
        var turn = Turn();
        turn.Features.Set(new IntentPrediction([("refund-status", 0.91), ("order-status", 0.05)]));

        var intent = await Recognizer.RecognizeAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(new RecognizedIntent("refund-status", 0.91), intent);
    }

    [Fact]
    public async Task RecognizingATurnLeavesItsPredictionOnTheTurn_ForTaskBotToReuse()
    {
        var turn = Turn();
        turn.Utterance = _server!.Services.GetRequiredService<ITextAnalyzer>().Analyze(turn.Text);

        var intent = await Recognizer.RecognizeAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal("refund-status", intent?.Label);
        var kept = turn.Features.Get<IntentPrediction>();
        Assert.NotNull(kept);
        Assert.Equal(kept.Probability, intent!.Probability);
    }

    [Fact]
    public async Task AMessageMostProbablyOfNoWorkflowHasNoIntent()
    {
        var turn = Turn();
        turn.Features.Set(new IntentPrediction([("_none", 0.7), ("refund-status", 0.2)]));

        Assert.Null(await Recognizer.RecognizeAsync(turn, TestContext.Current.CancellationToken));
    }

    private TurnContext Turn() =>
        new("turn-1", new Activity
        {
            Type = ActivityTypes.Message,
            Text = "我的退款到哪了",
            ChannelId = "test",
            From = new ChannelAccount { Id = "u1" },
            Recipient = new ChannelAccount { Id = "bot" },
            Conversation = new ConversationAccount { Id = "c1" },
        }, Shop, new ConversationState { ConversationId = "c1" }, DateTimeOffset.UnixEpoch);
}
