namespace ServiceBot.TaskBot.Nlu;

/// <summary>Settings of intent training; the defaults are those measured in docs/taskbot.md.</summary>
public sealed class IntentTrainingOptions
{
    public int Epochs { get; set; } = 12;

    public float LearningRate { get; set; } = 2f;

    public float L2 { get; set; } = 1e-5f;

    /// <summary>Features seen fewer times than this in training are dropped (model size).</summary>
    public int MinFeatureCount { get; set; } = 1;

    /// <summary>Longest character n-gram.</summary>
    public int MaxCharGram { get; set; } = 4;

    /// <summary>Share of the examples held out to fit the softmax temperature (calibration); 0 skips it.</summary>
    public double CalibrationFraction { get; set; } = 0.1;

    public int Seed { get; set; } = 20261204;
}
