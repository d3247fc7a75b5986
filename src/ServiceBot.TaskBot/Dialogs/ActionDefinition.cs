using ServiceBot.Abstractions.Bots;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>A call to the company's backend over HTTP.</summary>
public sealed class ActionDefinition
{
    public string Id { get; set; } = "";

    public string Method { get; set; } = "GET";

    /// <summary>Name of a backend in the bot's <c>taskbot.backends</c> section; its base URL prefixes <see cref="Path"/>.</summary>
    public string Backend { get; set; } = "default";

    /// <summary>Path template, e.g. <c>/orders/{order_id}</c>; slot values are URL-escaped.</summary>
    public string Path { get; set; } = "";

    /// <summary>Header templates; <c>{secret:NAME}</c> reads <c>ServiceBot:TaskBot:Secrets:NAME</c> from configuration.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>JSON body: field name → template (<c>"{order_id}"</c>).</summary>
    public Dictionary<string, string>? Body { get; set; }

    /// <summary>How long to wait for the backend; the bot then says <see cref="Error"/>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Response fields copied into slots: slot name → dotted JSON path (<c>shipment.carrier</c>).</summary>
    public Dictionary<string, string> Map { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Said when the backend answers 404: the checked value does not exist (re-asked).</summary>
    public LocalizedText? NotFound { get; set; }

    /// <summary>Said when the backend rejects the request (4xx other than 404); the response's <c>message</c> is <c>{error}</c>.</summary>
    public LocalizedText? Rejected { get; set; }

    /// <summary>Said when the backend fails, times out or cannot be reached; a human is offered.</summary>
    public LocalizedText? Error { get; set; }
}
