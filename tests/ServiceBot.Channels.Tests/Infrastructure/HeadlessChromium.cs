using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>
/// The machine's own headless Chromium (<c>/usr/bin/chromium</c>) driven through its chromedriver;
/// no browser is ever downloaded. Each instance has a throw-away profile. Waits are explicit: a
/// condition polled until a generous deadline, so a slow CI machine only makes tests slower.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(45);
    private readonly string _profile;

    private HeadlessChromium(ChromeDriver driver, string profile)
    {
        Driver = driver;
        _profile = profile;
    }

    public ChromeDriver Driver { get; }

    /// <summary>Starts Chromium, or skips the test when this machine has no Chromium/chromedriver.</summary>
    public static HeadlessChromium Start()
    {
        if (!File.Exists(BrowserPath) || !File.Exists(DriverPath))
        {
            Assert.Skip($"Browser tests need {BrowserPath} and {DriverPath} (scripts/setup.sh test installs them).");
        }

        var profile = Path.Combine(Path.GetTempPath(), "servicebot-chromium-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(profile);
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            "--user-data-dir=" + profile);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(90);
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(45);
        return new HeadlessChromium(driver, profile);
    }

    public void Open(Uri url) => Driver.Navigate().GoToUrl(url);

    /// <summary>Waits until <paramref name="find"/> returns a value (not null, no exception); fails with <paramref name="what"/> otherwise.</summary>
    public T WaitFor<T>(string what, Func<IWebDriver, T?> find, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (find(Driver) is { } found)
                {
                    return found;
                }
            }
            catch (WebDriverException e)
            {
                // Elements re-render while the page updates (stale, not yet present): look again.
                last = e;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}. {last?.Message}\nPage text: {PageText()}");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Waits until the page's visible text contains <paramref name="text"/>.</summary>
    public void WaitForText(string text, TimeSpan? timeout = null) =>
        WaitFor($"the text \"{text}\"", d => d.FindElement(By.TagName("body")).Text.Contains(text, StringComparison.Ordinal) ? d : null, timeout);

    /// <summary>The first displayed element matching <paramref name="css"/> whose text contains <paramref name="text"/> (any text when null).</summary>
    public IWebElement WaitForElement(string css, string? text = null, TimeSpan? timeout = null) =>
        WaitFor(
            $"an element \"{css}\"" + (text is null ? "" : $" with \"{text}\""),
            d => d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed && (text is null || e.Text.Contains(text, StringComparison.Ordinal))),
            timeout);

    public string PageText()
    {
        try
        {
            return Driver.FindElement(By.TagName("body")).Text;
        }
        catch (WebDriverException)
        {
            return "(no page)";
        }
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; a leftover temp profile is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
