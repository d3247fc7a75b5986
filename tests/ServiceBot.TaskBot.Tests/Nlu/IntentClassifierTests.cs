using ServiceBot.TaskBot.Nlu;

namespace ServiceBot.TaskBot.Tests.Nlu;

public sealed class IntentClassifierTests
{
    private static readonly IntentExample[] Examples =
    [
        .. Words("refund", "where is my refund", "refund status please", "has my refund gone through", "I want my money back", "refund not received"),
        .. Words("track", "where is my parcel", "track my package", "when will my parcel arrive", "delivery status", "package not delivered yet"),
        .. Words("card", "my card was declined", "card payment failed", "why was my card refused", "card not working", "payment declined"),
    ];

    [Fact]
    public void LearnsTheIntentsFromTheirExamples()
    {
        var model = IntentClassifier.Train(Examples);

        Assert.Equal("track", Predict(model, "where is my package now").Label);
        Assert.Equal("refund", Predict(model, "I still have not received my refund").Label);
        Assert.Equal("card", Predict(model, "the card got declined at checkout").Label);
        Assert.Equal(3, model.Labels.Count);
        Assert.True(model.FeatureCount > 0 && model.ModelBytes > 0);
    }

    [Fact]
    public void ProbabilitiesAreRankedAndSumToAtMostOne()
    {
        var prediction = Predict(IntentClassifier.Train(Examples), "refund for my parcel");

        Assert.Equal(3, prediction.Ranked.Count);
        Assert.True(prediction.Ranked[0].Probability >= prediction.Ranked[1].Probability);
        Assert.InRange(prediction.Ranked.Sum(r => r.Probability), 0.99, 1.01);
    }

    [Fact]
    public void AnUnrelatedMessageIsLessCertainThanAnExample()
    {
        var model = IntentClassifier.Train(Examples);

        Assert.True(Predict(model, "what a lovely day for a picnic").Probability < Predict(model, "where is my parcel").Probability);
    }

    [Fact]
    public void TrainingNeedsTwoLabels() =>
        Assert.Throws<ArgumentException>(() => IntentClassifier.Train([.. Words("only", "a", "b")]));

    [Fact]
    public void EmptyTextIsClassifiedWithoutError() =>
        Assert.NotEmpty(Predict(IntentClassifier.Train(Examples), "").Label);

    private static IntentPrediction Predict(IntentClassifier model, string text) => model.Predict(text, text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static IEnumerable<IntentExample> Words(string label, params string[] texts) =>
        texts.Select(t => new IntentExample(t, t.Split(' '), label));
}
