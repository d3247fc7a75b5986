using ServiceBot.SensitiveWords.Pii;

namespace ServiceBot.SensitiveWords.Tests.Pii;

public sealed class PiiDetectorTests
{
    private const string Alphabet = "0123456789 -+@.xX\ud800\udc00a１";

    [Theory]
    [InlineData("我的手机是13812345678谢谢", PiiKind.Phone, "13812345678")]
    [InlineData("电话 138 1234 5678。", PiiKind.Phone, "138 1234 5678")]
    [InlineData("call +86 138-1234-5678 now", PiiKind.Phone, "+86 138-1234-5678")]
    [InlineData("手机１３８１２３４５６７８", PiiKind.Phone, "１３８１２３４５６７８")]
    [InlineData("座机010-12345678", PiiKind.Phone, "010-12345678")]
    [InlineData("身份证11010519491231002X请核对", PiiKind.IdCard, "11010519491231002X")]
    [InlineData("身份证号 440301199003071230", PiiKind.IdCard, "440301199003071230")]
    [InlineData("卡号6222 0212 3456 7894", PiiKind.BankCard, "6222 0212 3456 7894")]
    [InlineData("card 4111111111111111.", PiiKind.BankCard, "4111111111111111")]
    [InlineData("邮箱zhang.san@example.com.cn，谢谢", PiiKind.Email, "zhang.san@example.com.cn")]
    [InlineData("13812345678@163.com", PiiKind.Email, "13812345678@163.com")]
    public void FindsPersonalDataWithItsSpan(string text, PiiKind kind, string expected)
    {
        var match = Assert.Single(PiiDetector.Find(text));

        Assert.Equal(kind, match.Kind);
        Assert.Equal(expected, text.Substring(match.Start, match.Length));
    }

    [Theory]
    [InlineData("客服热线400-820-6688")]
    [InlineData("订单号LM2024112200001")]
    [InlineData("身份证110105194912310022")]
    [InlineData("卡号6222021234567890")]
    [InlineData("价格12999元，2024年11月22日")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("user@localhost")]
    [InlineData("@@@@")]
    [InlineData("")]
    public void IgnoresNumbersThatAreNotPersonalData(string text)
    {
        Assert.Empty(PiiDetector.Find(text));
    }

    [Fact]
    public void MasksKeepingTheLastDigitsAndThePhonePrefix()
    {
        const string text = "电话13812345678，卡号6222 0212 3456 7894，邮箱zhang@example.com";

        var masked = PiiDetector.Mask(text, PiiDetector.Find(text));

        Assert.Equal("电话138****5678，卡号**** **** **** 7894，邮箱z***@example.com", masked);
    }

    [Fact]
    public void NeverThrowsOnBrokenText()
    {
        var random = new Random(3);
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[random.Next(Alphabet.Length)];
            }

            var text = new string(chars);
            var matches = PiiDetector.Find(text);
            _ = PiiDetector.Mask(text, matches);
            Assert.All(matches, m => Assert.InRange(m.End, m.Start + 1, text.Length));
        }
    }
}
