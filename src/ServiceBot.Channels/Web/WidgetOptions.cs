namespace ServiceBot.Channels.Web;

/// <summary>Settings under <c>ServiceBot:Widget</c>: the embeddable widget, its configuration endpoint and the demo pages.</summary>
public sealed class WidgetOptions
{
    public const string Section = "ServiceBot:Widget";

    /// <summary>Serves <c>/widget/servicebot-widget.js</c> and <c>.css</c>, and <c>/api/widget/config</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Serves the demo pages <c>/widget/</c> (the widget) and <c>/webchat/</c> (Microsoft's Web Chat).</summary>
    public bool DemoPages { get; set; } = true;

    /// <summary>
    /// Microsoft's Web Chat bundle (<c>webchat.js</c> from npm <c>botframework-webchat</c>) for the Web Chat
    /// demo; relative paths resolve against the content root and, failing that, its parent folders.
    /// <c>scripts/setup.sh test</c> installs it at the default path.
    /// </summary>
    public string WebChatBundle { get; set; } = ".tools/webchat/node_modules/botframework-webchat/dist/webchat.js";
}
