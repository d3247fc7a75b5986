namespace ServiceBot.KbBot.Evaluation;

/// <summary>One point of the precision/coverage curve: answering at or above <paramref name="Threshold"/>.</summary>
/// <param name="Threshold">Calibrated-probability threshold.</param>
/// <param name="Coverage">Share of answerable questions answered rightly.</param>
/// <param name="Precision">Share of answers (over all questions) that were right.</param>
/// <param name="MeanProbability">Mean calibrated probability of the answers given (compare with precision to judge calibration).</param>
public sealed record KbCurvePoint(double Threshold, double Coverage, double Precision, double MeanProbability);
