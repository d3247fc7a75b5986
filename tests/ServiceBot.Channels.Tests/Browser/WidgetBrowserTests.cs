using OpenQA.Selenium;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.Browser;

/// <summary>
/// The embeddable widget (one script tag, served by the server) in real headless Chromium: answers,
/// "did you mean" chips, thumbs feedback stored in the conversation log, handoff, a page reload
/// that continues the same conversation, and a network loss it recovers from without losing or
/// repeating messages.
/// </summary>
public sealed class WidgetBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnswersAQuestionAndStoresAThumbsUpForThatTurn()
    {
        using var browser = StartWidget();

        Send(browser, "我要退货");
        var answer = browser.WaitForElement(".sbw-msg.sbw-bot", "7天无理由退货");
        Assert.Equal("退换货政策", answer.FindElement(By.CssSelector("a[href='https://shop.example.com/returns']")).Text.Trim());
        answer.FindElement(By.CssSelector(".sbw-up")).Click();
        browser.WaitForElement(".sbw-msg.sbw-bot .sbw-thanks");

        var rated = new List<(string BotId, TurnFeedback Feedback)>();
        foreach (var entry in fixture.Server.Log.Feedback)
        {
            var turn = await fixture.Server.Log.GetTurnAsync(entry.BotId, entry.Feedback.TurnId, TestContext.Current.CancellationToken);
            if (turn?.UserText == "我要退货")
            {
                rated.Add(entry);
            }
        }

        var (botId, feedback) = Assert.Single(rated);
        Assert.Equal(ScriptedTurnProcessor.BotId, botId);
        Assert.Equal(FeedbackKind.ThumbsUp, feedback.Kind);
        Assert.Equal("true", answer.FindElement(By.CssSelector(".sbw-up")).GetAttribute("aria-pressed"));
    }

    [Fact]
    public void ClickingASuggestionChipSendsItAndShowsItsAnswer()
    {
        using var browser = StartWidget();

        Send(browser, "运费贵吗");
        browser.WaitForElement(".sbw-suggestions .sbw-chip", ScriptedTurnProcessor.DeliveryQuestion).Click();

        browser.WaitForElement(".sbw-msg.sbw-bot", ScriptedTurnProcessor.DeliveryAnswer);
        browser.WaitForElement(".sbw-msg.sbw-user", ScriptedTurnProcessor.DeliveryQuestion);
        // The chips belong to the question they answered; they go once the user has moved on.
        Assert.True(browser.Driver.FindElement(By.CssSelector(".sbw-suggestions")).GetAttribute("hidden") is not null);
    }

    [Fact]
    public void TheHandoffButtonAsksForAHumanAndTheWidgetShowsTheHandoff()
    {
        using var browser = StartWidget();

        browser.WaitForElement(".sbw-handoff").Click();

        browser.WaitForElement(".sbw-msg.sbw-bot", ScriptedTurnProcessor.HandoffReply);
        browser.WaitForElement(".sbw-root[data-handoff='handedOff']");
        Assert.Contains(fixture.Server.Processor.Received, a => a.Text == "转人工" && a.ChannelId == "directline");
    }

    [Fact]
    public void AfterAReloadTheWidgetContinuesTheSameConversationWithoutRepeatingMessages()
    {
        using var browser = StartWidget();
        Send(browser, "我要退货");
        browser.WaitForElement(".sbw-msg.sbw-bot", "7天无理由退货");
        var firstConversation = Assert.Single(fixture.Server.Processor.Received, a => a.Text == "我要退货" && a.From?.Id is not null && Mine(browser, a)).Conversation!.Id;

        browser.Driver.Navigate().Refresh();
        browser.WaitForElement(".sbw-root[data-connection='ok']");
        browser.WaitForElement(".sbw-msg.sbw-bot", "7天无理由退货");
        Send(browser, ScriptedTurnProcessor.ShippingQuestion);
        browser.WaitForElement(".sbw-msg.sbw-bot", ScriptedTurnProcessor.ShippingAnswer);

        var second = Assert.Single(fixture.Server.Processor.Received, a => a.Text == ScriptedTurnProcessor.ShippingQuestion && Mine(browser, a));
        Assert.Equal(firstConversation, second.Conversation!.Id);
        var answers = browser.Driver.FindElements(By.CssSelector(".sbw-msg.sbw-bot")).Count(e => e.Text.Contains("7天无理由退货", StringComparison.Ordinal));
        Assert.Equal(1, answers);
        var questions = browser.Driver.FindElements(By.CssSelector(".sbw-msg.sbw-user")).Count(e => e.Text.Contains("我要退货", StringComparison.Ordinal));
        Assert.Equal(1, questions);
    }

    [Fact]
    public async Task AfterTheNetworkDropsTheWidgetReconnectsFromItsWatermark_MissingNothingAndRepeatingNothing()
    {
        using var browser = HeadlessChromium.Start();
        // Keep every socket the page opens, so the test can cut the live one as a network loss would.
        browser.Driver.ExecuteCdpCommand("Page.addScriptToEvaluateOnNewDocument", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["source"] = "(function () { var Native = window.WebSocket; window.__sockets = []; window.WebSocket = function (url, protocols) { var ws = protocols === undefined ? new Native(url) : new Native(url, protocols); window.__sockets.push(ws); return ws; }; window.WebSocket.prototype = Native.prototype; ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (k) { window.WebSocket[k] = Native[k]; }); })();",
        });
        browser.Open(fixture.Page("widget/?open=true"));
        browser.WaitForElement(".sbw-root[data-state='open'][data-connection='ok']");
        Send(browser, "我要退货");
        browser.WaitForElement(".sbw-msg.sbw-bot", "7天无理由退货");

        browser.Driver.NetworkConditions = new OpenQA.Selenium.Chromium.ChromiumNetworkConditions { IsOffline = true, Latency = TimeSpan.FromMilliseconds(5), DownloadThroughput = 100_000_000, UploadThroughput = 100_000_000 };
        browser.Driver.ExecuteScript("window.__sockets.forEach(function (s) { s.close(); });");
        browser.WaitForElement(".sbw-root[data-connection='offline']");

        // While the page is offline the conversation goes on: another client of the same conversation
        // (the widget's own token) asks a question, and the bot's answer is stored for the widget.
        var session = (string)browser.Driver.ExecuteScript(
            "for (var i = 0; i < sessionStorage.length; i++) { var v = sessionStorage.getItem(sessionStorage.key(i)); if (v && v.indexOf('conversationId') >= 0) { return v; } } return null;")!;
        using (var stored = System.Text.Json.JsonDocument.Parse(session))
        {
            var client = new DirectLineClient(fixture.Server.Client);
            await client.PostMessageAsync(stored.RootElement.GetProperty("conversationId").GetString()!, stored.RootElement.GetProperty("token").GetString()!, ScriptedTurnProcessor.ShippingQuestion);
        }

        browser.Driver.NetworkConditions = new OpenQA.Selenium.Chromium.ChromiumNetworkConditions { IsOffline = false, Latency = TimeSpan.FromMilliseconds(5), DownloadThroughput = 100_000_000, UploadThroughput = 100_000_000 };
        browser.WaitForElement(".sbw-root[data-connection='ok']");
        browser.WaitForElement(".sbw-msg.sbw-bot", ScriptedTurnProcessor.ShippingAnswer);

        Assert.True(Convert.ToInt64(browser.Driver.ExecuteScript("return window.__sockets.length;"), System.Globalization.CultureInfo.InvariantCulture) >= 2, "the widget opened a new stream");
        Assert.Equal(1, browser.Driver.FindElements(By.CssSelector(".sbw-msg.sbw-bot")).Count(e => e.Text.Contains("7天无理由退货", StringComparison.Ordinal)));
        Assert.Equal(1, browser.Driver.FindElements(By.CssSelector(".sbw-msg.sbw-bot")).Count(e => e.Text.Contains(ScriptedTurnProcessor.ShippingAnswer, StringComparison.Ordinal)));
    }

    [Fact]
    public void OnAPhoneWidthTheWidgetIsUsableByKeyboardAlone_WithEnglishLabelsForScreenReaders()
    {
        using var browser = HeadlessChromium.Start();
        browser.Driver.Manage().Window.Size = new System.Drawing.Size(375, 740);
        browser.Open(fixture.Page("widget/?locale=en-US"));
        var launcher = browser.WaitForElement(".sbw-launcher[aria-label='Open chat']");
        Assert.Equal("false", launcher.GetAttribute("aria-expanded"));

        // Keyboard only: the launcher takes focus and opens with Enter, the input is focused, Enter sends.
        browser.Driver.ExecuteScript("arguments[0].focus();", launcher);
        new OpenQA.Selenium.Interactions.Actions(browser.Driver).SendKeys(Keys.Enter).Perform();
        browser.WaitForElement(".sbw-root[data-state='open'][data-connection='ok']");
        Assert.Equal("true", launcher.GetAttribute("aria-expanded"));
        var input = browser.WaitForElement("#sbw-input[aria-label='Message']");
        Assert.Equal(input, browser.Driver.SwitchTo().ActiveElement());
        new OpenQA.Selenium.Interactions.Actions(browser.Driver).SendKeys("我要退货").SendKeys(Keys.Enter).Perform();
        browser.WaitForElement(".sbw-msg.sbw-bot", "7天无理由退货");

        // Everything a screen reader announces has a name, and new messages are announced politely.
        Assert.NotNull(browser.Driver.FindElement(By.CssSelector(".sbw-log[role='log'][aria-live='polite']")));
        Assert.NotNull(browser.Driver.FindElement(By.CssSelector("#sbw-panel[role='dialog']")));
        Assert.All(browser.Driver.FindElements(By.CssSelector(".sbw-root button")).Where(b => b.Displayed), b => Assert.False(string.IsNullOrWhiteSpace(b.GetAttribute("aria-label") ?? b.Text)));

        // The open panel fits the phone's width: nothing is cut off or scrolls sideways.
        var width = Convert.ToInt64(browser.Driver.ExecuteScript("return document.documentElement.clientWidth;"), System.Globalization.CultureInfo.InvariantCulture);
        var height = Convert.ToInt64(browser.Driver.ExecuteScript("return document.documentElement.clientHeight;"), System.Globalization.CultureInfo.InvariantCulture);
        var panel = browser.Driver.FindElement(By.Id("sbw-panel"));
        Assert.InRange(panel.Location.X, 0, width);
        Assert.InRange(panel.Location.X + panel.Size.Width, 0, width);
        Assert.InRange(panel.Size.Height, height / 2, height);

        // Escape closes the panel again.
        new OpenQA.Selenium.Interactions.Actions(browser.Driver).SendKeys(Keys.Escape).Perform();
        browser.WaitForElement(".sbw-root[data-state='closed']");
    }

    private HeadlessChromium StartWidget()
    {
        var browser = HeadlessChromium.Start();
        try
        {
            browser.Open(fixture.Page("widget/?open=true"));
            browser.WaitForElement(".sbw-root[data-state='open'][data-connection='ok']");
            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    private static void Send(HeadlessChromium browser, string text)
    {
        var input = browser.WaitForElement("#sbw-input");
        input.SendKeys(text);
        input.SendKeys(Keys.Enter);
    }

    // The conversation this browser's widget holds, read from the widget's own session storage.
    private static bool Mine(HeadlessChromium browser, Activity activity)
    {
        var conversation = browser.Driver.ExecuteScript(
            "for (var i = 0; i < sessionStorage.length; i++) { var v = JSON.parse(sessionStorage.getItem(sessionStorage.key(i)) || 'null'); if (v && v.conversationId) { return v.conversationId; } } return null;") as string;
        return conversation is not null && activity.Conversation?.Id == conversation;
    }
}
