using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.Benchmarks.Kb;

/// <summary>
/// A generated Chinese FAQ for the scale benchmark: each entry is a topic of three dictionary words
/// (a thing, an action, an aspect), asked in a standard question and several similar questions built
/// from different sentence frames; the queries are further paraphrases of random entries that are not
/// in the KB, sometimes missing a word or carrying an extra one, as customers write.
/// </summary>
/// <remarks>
/// The words come from jieba's dictionary as installed by scripts/setup.sh (nothing is committed), so
/// the analyzer sees real words with real frequencies; the topics follow a Zipf-like draw, so common
/// words are shared by thousands of entries, as in a real KB.
/// </remarks>
internal sealed class SyntheticFaq
{
    private static readonly string[] Frames =
    [
        "{0}{1}{2}怎么办", "请问{0}的{2}怎么{1}", "{0}{2}要怎么{1}呢", "我想{1}{0}的{2}", "{0}能不能{1}{2}",
        "如何{1}{0}{2}", "{0}{1}以后{2}怎么处理", "你好，{0}{2}可以{1}吗", "{2}这块{0}怎么{1}", "帮我看看{0}{1}{2}的问题",
        "{0}的{2}{1}不了", "关于{0}{2}，怎么{1}", "{1}{0}时{2}有什么要求", "{0}{1}{2}需要多久", "为什么{0}{2}无法{1}",
        "{0}{2}{1}失败了", "我的{0}{2}怎样{1}", "{0}{1}后{2}会变吗", "想咨询一下{0}{1}{2}", "{0}该怎么{1}{2}",
    ];

    private static readonly string[] Fillers = ["一下", "现在", "还", "那个", "已经", "刚才", "到底", "具体"];

    private readonly string[] _things;
    private readonly string[] _actions;
    private readonly string[] _aspects;
    private readonly Random _random;

    private SyntheticFaq(string[] things, string[] actions, string[] aspects, int seed)
    {
        _things = things;
        _actions = actions;
        _aspects = aspects;
        _random = new Random(seed);
    }

    /// <summary>Reads nouns and verbs of two to four characters from a jieba dictionary file (word, frequency, tag per line).</summary>
    public static SyntheticFaq FromJiebaDictionary(string path, int seed)
    {
        var nouns = new List<(string Word, long Frequency)>();
        var verbs = new List<(string Word, long Frequency)>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            if (parts.Length < 3 || parts[0].Length is < 2 or > 4 || !long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var frequency) || frequency < 50)
            {
                continue;
            }

            switch (parts[2])
            {
                case "n" or "vn" or "nz":
                    nouns.Add((parts[0], frequency));
                    break;
                case "v":
                    verbs.Add((parts[0], frequency));
                    break;
            }
        }

        static string[] ByFrequency(IEnumerable<(string Word, long Frequency)> words, int take) =>
            [.. words.OrderByDescending(w => w.Frequency).ThenBy(w => w.Word, StringComparer.Ordinal).Take(take).Select(w => w.Word)];

        var rankedNouns = ByFrequency(nouns, 12_000);
        return new SyntheticFaq(
            [.. rankedNouns.Where((_, i) => i % 2 == 0)],
            ByFrequency(verbs, 3_000),
            [.. rankedNouns.Where((_, i) => i % 2 == 1)],
            seed);
    }

    /// <summary>
    /// <paramref name="entries"/> entries with <paramref name="similar"/> similar questions each, and
    /// <paramref name="queries"/> held-out paraphrases with the id of the entry they ask about.
    /// </summary>
    public (List<FaqEntry> Entries, List<(string Query, string Id)> Queries) Generate(int entries, int similar, int queries)
    {
        var topics = new List<(string Thing, string Action, string Aspect)>(entries);
        var seen = new HashSet<(string, string, string)>();
        while (topics.Count < entries)
        {
            var topic = (Zipf(_things), Zipf(_actions), Zipf(_aspects));
            if (seen.Add(topic))
            {
                topics.Add(topic);
            }
        }

        var faq = new List<FaqEntry>(entries);
        var framesOf = new int[entries][];
        for (var i = 0; i < topics.Count; i++)
        {
            var (thing, action, aspect) = topics[i];
            var order = framesOf[i] = Shuffled(Frames.Length);
            var frames = Array.ConvertAll(order, f => Frames[f]);
            var similarQuestions = new List<string>(similar);
            for (var s = 1; s <= similar && s < frames.Length; s++)
            {
                similarQuestions.Add(Phrase(frames[s], thing, action, aspect, filler: s % 3 == 0));
            }

            var id = $"e{i:D6}";
            faq.Add(new FaqEntry
            {
                Id = id,
                StandardQuestion = Phrase(frames[0], thing, action, aspect, filler: false),
                SimilarQuestions = similarQuestions,
                Answer = RichAnswer.Plain($"{thing}{action}{aspect}：见帮助中心 {id}。"),
            });
        }

        var asked = new List<(string, string)>(queries);
        for (var q = 0; q < queries; q++)
        {
            var e = _random.Next(topics.Count);
            var (thing, action, aspect) = topics[e];
            // A frame the entry's own questions do not use, so no query is a KB question verbatim.
            var unused = framesOf[e][Math.Min(similar + 1, Frames.Length - 1)..];
            var frame = Frames[unused[_random.Next(unused.Length)]];
            var text = Phrase(frame, thing, action, aspect, filler: true);
            asked.Add((_random.Next(4) == 0 ? text.Replace(aspect, "", StringComparison.Ordinal) : text, faq[e].Id));
        }

        return (faq, asked);
    }

    private string Phrase(string frame, string thing, string action, string aspect, bool filler)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, frame, thing, action, aspect);
        return filler ? Fillers[_random.Next(Fillers.Length)] + text : text;
    }

    // Rank r is drawn with weight 1/(r+10): the head words are shared by many entries, the tail by few.
    private string Zipf(string[] words)
    {
        var u = _random.NextDouble();
        var rank = (int)(Math.Exp(u * Math.Log((words.Length + 10) / 10.0)) * 10) - 10;
        return words[Math.Clamp(rank, 0, words.Length - 1)];
    }

    private int[] Shuffled(int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        _random.Shuffle(order);
        return order;
    }
}
