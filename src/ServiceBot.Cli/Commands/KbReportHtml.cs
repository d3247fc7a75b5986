using System.Globalization;
using System.Net;
using System.Text;
using ServiceBot.KbBot.Evaluation;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// The <c>eval kb --report</c> page: one self-contained HTML file (no script, no external resource)
/// with the metrics table and two inline SVG charts drawn here: precision against coverage as the
/// answer threshold sweeps, per configuration, and the per-question latency histogram.
/// </summary>
internal static class KbReportHtml
{
    private const int Width = 560;
    private const int Height = 360;
    private const int Left = 56;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 44;
    private const int LatencyBins = 40;

    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal)
    {
        ["bm25"] = "#1f77b4",
        ["vector"] = "#2ca02c",
        ["hybrid"] = "#9467bd",
        ["hybrid+rerank"] = "#d62728",
    };

    /// <summary>Writes the report to a temporary file beside <paramref name="path"/> and moves it over the target, so a reader never sees half a page.</summary>
    public static async Task WriteAsync(KbEvaluationReport report, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temp, Render(report), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    internal static string Render(KbEvaluationReport report)
    {
        var ran = report.Configurations.Where(c => c.Skipped is null).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>eval kb</title>\n<style>")
            .Append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}")
            .Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("svg{border:1px solid #ddd;margin:8px 16px 8px 0;background:#fff}figure{display:inline-block;margin:0}figcaption{font-weight:600}")
            .Append("</style></head><body>\n<h1>KB evaluation</h1>\n");
        html.Append(Invariant($"<p>{report.Entries} entries, {report.Questions} questions ({report.Answerable} with an answer, {report.Questions - report.Answerable} without). Snapshot built in {report.BuildMs:0} ms; reranker and calibration fitted on {report.TrainingQuestions} held-out paraphrases of the KB.</p>\n"));
        Table(html, report);
        html.Append("<figure><figcaption>Precision vs coverage as the answer threshold sweeps 0…1 (ring: the bot's threshold)</figcaption>\n");
        PrecisionCoverage(html, ran);
        html.Append("</figure>\n<figure><figcaption>Per-question latency (share of questions per bin)</figcaption>\n");
        LatencyHistogram(html, ran);
        html.Append("</figure>\n</body></html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, KbEvaluationReport report)
    {
        html.Append("<table><thead><tr><th>configuration</th><th>Recall@1</th><th>Recall@3</th><th>Recall@5</th><th>Recall@10</th><th>MRR@10</th><th>nDCG@10</th>")
            .Append("<th>answer precision</th><th>answer coverage</th><th>suggest hit rate</th><th>miss rate</th><th>false-answer rate</th><th>p50 ms</th><th>p99 ms</th></tr></thead><tbody>\n");
        foreach (var c in report.Configurations)
        {
            html.Append("<tr><td>").Append(Encode(c.Config)).Append("</td>");
            if (c.Skipped is not null)
            {
                html.Append("<td colspan=\"13\">skipped — ").Append(Encode(c.Skipped)).Append("</td></tr>\n");
                continue;
            }

            foreach (var v in new[] { c.RecallAt1, c.RecallAt3, c.RecallAt5, c.RecallAt10, c.MrrAt10, c.NdcgAt10, c.AnswerPrecision, c.AnswerCoverage, c.SuggestHitRate, c.MissRate, c.FalseAnswerRate })
            {
                html.Append("<td>").Append(Format(v, "0.000")).Append("</td>");
            }

            html.Append("<td>").Append(Format(c.LatencyP50Ms, "0.00")).Append("</td><td>").Append(Format(c.LatencyP99Ms, "0.00")).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (report.Configurations.Any(c => c.Skipped is null && !c.Vectors && c.Config == "hybrid+rerank"))
        {
            html.Append("<p>hybrid+rerank ran without vectors: BM25 recall with the lexical reranker.</p>\n");
        }
    }

    private static void PrecisionCoverage(StringBuilder html, List<KbConfigurationResult> configurations)
    {
        OpenChart(html, "coverage (right answers / answerable questions)", "precision");
        Axes(html, 1, 1, "0.0");
        foreach (var c in configurations)
        {
            var color = Colors.GetValueOrDefault(c.Config, "#555");
            var points = c.Curve.Where(p => double.IsFinite(p.Coverage) && double.IsFinite(p.Precision)).ToList();
            html.Append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").Append(color).Append("\" points=\"");
            foreach (var p in points)
            {
                html.Append(Invariant($"{X(p.Coverage, 1):0.#},{Y(p.Precision, 1):0.#} "));
            }

            html.Append("\"/>\n");
            foreach (var p in points)
            {
                html.Append(Invariant($"<circle cx=\"{X(p.Coverage, 1):0.#}\" cy=\"{Y(p.Precision, 1):0.#}\" r=\"2\" fill=\"{color}\"><title>{Encode(c.Config)} threshold {p.Threshold:0.00}: coverage {p.Coverage:0.000}, precision {p.Precision:0.000}, mean probability {p.MeanProbability:0.000}</title></circle>\n"));
            }

            if (c.Tiers is { } t && double.IsFinite(c.AnswerCoverage) && double.IsFinite(c.AnswerPrecision))
            {
                html.Append(Invariant($"<circle cx=\"{X(c.AnswerCoverage, 1):0.#}\" cy=\"{Y(c.AnswerPrecision, 1):0.#}\" r=\"6\" fill=\"none\" stroke-width=\"2\" stroke=\"{color}\"><title>{Encode(c.Config)} at the bot's tiers (answer ≥ {t.AnswerThreshold}): coverage {c.AnswerCoverage:0.000}, precision {c.AnswerPrecision:0.000}</title></circle>\n"));
            }
        }

        Legend(html, configurations);
        html.Append("</svg>\n");
    }

    private static void LatencyHistogram(StringBuilder html, List<KbConfigurationResult> configurations)
    {
        // The x range ends at the largest p99 so one slow outlier does not squeeze every bar into the first bin; slower questions land in the last bin.
        var max = configurations.Select(c => c.LatencyP99Ms).Where(double.IsFinite).DefaultIfEmpty(1).Max() * 1.1;
        max = max > 0 ? max : 1;
        var width = max / LatencyBins;
        var shares = configurations.Select(c =>
        {
            var counts = new double[LatencyBins];
            foreach (var ms in c.LatenciesMs)
            {
                counts[Math.Min(LatencyBins - 1, (int)(ms / width))]++;
            }

            return counts.Select(n => c.LatenciesMs.Count == 0 ? 0 : n / c.LatenciesMs.Count).ToArray();
        }).ToList();
        var top = Math.Max(0.05, shares.SelectMany(s => s).DefaultIfEmpty(0).Max() * 1.1);

        OpenChart(html, "milliseconds per question (analysis, recall, rerank, tiers)", "share of questions");
        Axes(html, max, top, max >= 10 ? "0" : "0.0");
        for (var i = 0; i < configurations.Count; i++)
        {
            var color = Colors.GetValueOrDefault(configurations[i].Config, "#555");
            html.Append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").Append(color).Append("\" points=\"");
            html.Append(Invariant($"{X(0, max):0.#},{Y(0, top):0.#} "));
            for (var b = 0; b < LatencyBins; b++)
            {
                var y = Y(shares[i][b], top);
                html.Append(Invariant($"{X(b * width, max):0.#},{y:0.#} {X((b + 1) * width, max):0.#},{y:0.#} "));
            }

            html.Append(Invariant($"{X(max, max):0.#},{Y(0, top):0.#}\"/>\n"));
            var c = configurations[i];
            html.Append(Invariant($"<line x1=\"{X(Math.Min(c.LatencyP50Ms, max), max):0.#}\" x2=\"{X(Math.Min(c.LatencyP50Ms, max), max):0.#}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"{color}\" stroke-dasharray=\"4 3\"><title>{Encode(c.Config)} p50 {c.LatencyP50Ms:0.00} ms, p99 {c.LatencyP99Ms:0.00} ms</title></line>\n"));
        }

        Legend(html, configurations);
        html.Append("</svg>\n");
    }

    private static void OpenChart(StringBuilder html, string xLabel, string yLabel)
    {
        html.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-size=\"11\" font-family=\"sans-serif\">\n"));
        html.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\">{Encode(xLabel)}</text>\n"));
        html.Append(Invariant($"<text transform=\"translate(14 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Encode(yLabel)}</text>\n"));
    }

    private static void Axes(StringBuilder html, double xMax, double yMax, string xFormat)
    {
        html.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/><line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>\n"));
        for (var i = 0; i <= 5; i++)
        {
            var xv = xMax * i / 5;
            var yv = yMax * i / 5;
            html.Append(Invariant($"<line x1=\"{X(xv, xMax):0.#}\" y1=\"{Height - Bottom}\" x2=\"{X(xv, xMax):0.#}\" y2=\"{Height - Bottom + 4}\" stroke=\"#333\"/><text x=\"{X(xv, xMax):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{xv.ToString(xFormat, CultureInfo.InvariantCulture)}</text>\n"));
            html.Append(Invariant($"<line x1=\"{Left - 4}\" y1=\"{Y(yv, yMax):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(yv, yMax):0.#}\" stroke=\"#eee\"/><text x=\"{Left - 6}\" y=\"{Y(yv, yMax) + 4:0.#}\" text-anchor=\"end\">{yv:0.00}</text>\n"));
        }
    }

    private static void Legend(StringBuilder html, List<KbConfigurationResult> configurations)
    {
        for (var i = 0; i < configurations.Count; i++)
        {
            var color = Colors.GetValueOrDefault(configurations[i].Config, "#555");
            var y = Top + 8 + (i * 16);
            html.Append(Invariant($"<rect x=\"{Width - Right - 130}\" y=\"{y - 8}\" width=\"12\" height=\"10\" fill=\"{color}\"/><text x=\"{Width - Right - 112}\" y=\"{y + 1}\">{Encode(configurations[i].Config)}</text>\n"));
        }
    }

    private static double X(double value, double max) => Left + (Math.Clamp(value / max, 0, 1) * (Width - Left - Right));

    private static double Y(double value, double max) => Height - Bottom - (Math.Clamp(value / max, 0, 1) * (Height - Top - Bottom));

    private static string Format(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
