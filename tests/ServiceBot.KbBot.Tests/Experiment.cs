using System.Globalization;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Tests;

internal static class Experiment
{
    public static void Apply(KbSettings s, string overrides)
    {
        var e = s.Recall.Embedder;
        foreach (var part in overrides.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=');
            var v = kv[1];
            double D() => double.Parse(v, CultureInfo.InvariantCulture);
            int I() => int.Parse(v, CultureInfo.InvariantCulture);
            switch (kv[0])
            {
                case "dim": e.Dimensions = I(); break;
                case "epochs": e.Epochs = I(); break;
                case "lr": e.LearningRate = D(); break;
                case "temp": e.Temperature = D(); break;
                case "batch": e.BatchSize = I(); break;
                case "group": e.NeighbourGroup = I(); break;
                case "cjkmin": e.CjkMinGram = I(); break;
                case "cjkmax": e.CjkMaxGram = I(); break;
                case "latinmin": e.LatinMinGram = I(); break;
                case "latinmax": e.LatinMaxGram = I(); break;
                case "maxsteps": e.MaxSteps = I(); break;
                case "rerank": s.Training.Rerank = bool.Parse(v); break;
                case "fusion": s.Recall.Fusion = Enum.Parse<ServiceBot.Retrieval.Fusion.FusionMode>(v, true); break;
                case "lexw": s.Recall.LexicalWeight = D(); break;
                case "rrfk": s.Recall.RrfK = I(); break;
                case "rows": s.Recall.Rows = I(); break;
                case "cand": s.Recall.Candidates = I(); break;
                default: throw new ArgumentException(kv[0]);
            }
        }
    }
}
