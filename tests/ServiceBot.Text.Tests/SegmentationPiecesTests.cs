using ServiceBot.Text.Segmentation;

namespace ServiceBot.Text.Tests;

/// <summary>The pieces of the algorithm one by one, with the values jieba 0.42.1 computes for the same input.</summary>
public sealed class SegmentationPiecesTests
{
    private const string Sentence = "我来到北京清华大学";

    private static JiebaSegmenter Segmenter => TextData.Default.Segmenter;

    [Fact]
    public void WordEnds_GiveJiebasDag()
    {
        // jieba.get_DAG("我来到北京清华大学")
        int[][] expected = [[0], [1, 2], [2], [3, 4], [4], [5, 6, 8], [6, 7], [7, 8], [8]];
        var lexicon = Segmenter.State.Exact;
        var ends = new List<int>();

        for (var k = 0; k < Sentence.Length; k++)
        {
            JiebaCutter.WordEnds(Sentence, k, lexicon, ends);
            Assert.Equal(expected[k], ends);
        }
    }

    [Fact]
    public void WordEnds_OfACharacterStartingNoWord_IsTheCharacterItself()
    {
        var ends = new List<int>();

        JiebaCutter.WordEnds("\u9FD0", 0, Segmenter.State.Exact, ends);

        Assert.Equal([0], ends);
    }

    [Fact]
    public void CalcRoute_GivesJiebasRouteAndLogProbabilities()
    {
        // jieba.dt.calc over that DAG: route[idx] = (log probability, end of the first word).
        double[] expectedProb = [-32.587853155857076, -27.379629658355885, -24.22732015246924, -18.548194315526874, -20.20431518448597, -11.085007904198626, -17.53722513662092, -8.006816355818659, -8.142626068614787, 0];
        int[] expectedNext = [0, 2, 2, 4, 4, 8, 6, 8, 8];
        var prob = new double[Sentence.Length + 1];
        var next = new int[Sentence.Length + 1];

        JiebaCutter.CalcRoute(Sentence, Segmenter.State.Exact, prob, next);

        Assert.Equal(expectedNext, next[..Sentence.Length]);
        for (var i = 0; i <= Sentence.Length; i++)
        {
            Assert.Equal(expectedProb[i], prob[i], 1e-9);
        }
    }

    [Theory]
    [InlineData("杭研", "BE")]
    [InlineData("能帮我查", "BEBE")]
    [InlineData("南京市长江大桥", "BMEBMME")]
    public void Viterbi_GivesJiebasStates(string text, string expected)
    {
        var states = new byte[text.Length];
        var back = new byte[4 * text.Length];

        Segmenter.Model.Hmm.Viterbi(text, states, back);

        Assert.Equal(expected, string.Concat(states.Select(s => "BMES"[s])));
    }

    [Fact]
    public void HmmRecognizesAnUnknownWordOnlyWhenEnabled()
    {
        Assert.Equal("他/来到/了/网易/杭研/大厦", TextData.Join(Segmenter.Cut("他来到了网易杭研大厦")));
        Assert.Equal("他/来到/了/网易/杭/研/大厦", TextData.Join(Segmenter.Cut("他来到了网易杭研大厦", hmm: false)));
    }

    [Fact]
    public void Trie_FindsEveryWordWithItsFrequencyAndNothingElse()
    {
        // Many words over thousands of distinct characters: nodes with wide fan-out force the builder
        // to look for bases far from the front, where it only searches a window of the array.
        var random = new Random(7);
        var words = new Dictionary<string, long>(StringComparer.Ordinal);
        while (words.Count < 60_000)
        {
            var length = random.Next(1, 6);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                // Skewed towards few characters, as real text is, with a long tail.
                chars[i] = (char)(0x4E00 + (int)(Math.Pow(random.NextDouble(), 3) * 6000));
            }

            words[new string(chars)] = random.Next(0, 5000);
        }

        var dictionary = PrefixDictionary.Build(words, words.Values.Sum());

        foreach (var (word, frequency) in words)
        {
            Assert.Equal(frequency, dictionary.GetFrequency(word, missing: -1));
            for (var i = 1; i < word.Length; i++)
            {
                // Every prefix is a key (frequency 0 unless it is a word too).
                Assert.NotEqual(-1, dictionary.GetFrequency(word.AsSpan(0, i), missing: -1));
            }
        }

        Assert.Equal(-1, dictionary.GetFrequency("A", missing: -1));
        Assert.Equal(-1, dictionary.GetFrequency("\u9FA5\u9FA5\u9FA5\u9FA5\u9FA5\u9FA5", missing: -1));
    }
}
