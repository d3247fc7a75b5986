using OpenQA.Selenium;
using ServiceBot.Channels.Tests.DirectLine;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.Browser;

/// <summary>
/// Microsoft's Web Chat (npm botframework-webchat, served on the /webchat/ demo page) in real headless
/// Chromium talks to this server's Direct Line exactly as it talks to Azure's: tokens, the WebSocket
/// stream and posted activities.
/// </summary>
public sealed class WebChatBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public void AnswersAChineseQuestionTypedIntoWebChat()
    {
        using var browser = StartWebChat();

        Type(browser, "我要退货");

        browser.WaitForText("7天无理由退货");
        // Markdown is rendered by Web Chat: the link is a link, not asterisks and brackets.
        var link = browser.WaitForElement("a[href='https://shop.example.com/returns']");
        Assert.Equal("退换货政策", link.Text.Trim());
        Assert.DoesNotContain("**", browser.PageText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClickingADidYouMeanSuggestionInWebChatSendsItAndShowsItsAnswer()
    {
        using var browser = StartWebChat();

        Type(browser, "快递费多少");
        var suggestion = browser.WaitFor("the suggestion button", d => d.FindElements(By.XPath("//button[contains(., '" + ScriptedTurnProcessor.ShippingQuestion + "')]")).FirstOrDefault(b => b.Displayed && b.Enabled));
        suggestion.Click();

        browser.WaitForText(ScriptedTurnProcessor.ShippingAnswer);
        Assert.Contains(fixture.Server.Processor.Received, a => a.Text == ScriptedTurnProcessor.ShippingQuestion && a.ChannelId == "directline");
    }

    [Fact]
    public async Task ExplainsOnTheDemoPageHowToInstallWebChatWhenItIsMissing()
    {
        await using var server = await ChannelHost.StartAsync(DirectLineFixture.Settings(("ServiceBot:Widget:WebChatBundle", "/nonexistent/webchat.js")));
        using var browser = HeadlessChromium.Start();

        browser.Open(new Uri(server.BaseAddress, "webchat/"));

        var notice = browser.WaitForElement("#notice", "scripts/setup.sh test");
        Assert.Contains("not installed", notice.Text, StringComparison.Ordinal);
    }

    private HeadlessChromium StartWebChat()
    {
        var browser = HeadlessChromium.Start();
        try
        {
            browser.Open(fixture.Page("webchat/"));
            var ready = browser.WaitForElement("[data-id='webchat-sendbox-input'], #notice:not([hidden])");
            if (ready.GetAttribute("id") == "notice")
            {
                Assert.Skip("Microsoft Web Chat is not installed here (scripts/setup.sh test installs it into .tools/webchat).");
            }

            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    private static void Type(HeadlessChromium browser, string text)
    {
        var input = browser.WaitForElement("[data-id='webchat-sendbox-input']");
        input.SendKeys(text);
        input.SendKeys(Keys.Enter);
    }
}
