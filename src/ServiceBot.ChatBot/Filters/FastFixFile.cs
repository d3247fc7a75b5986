namespace ServiceBot.ChatBot.Filters;

/// <summary>The fast-fix rules file of a bot (<c>chatbot.filters.fastfix</c>).</summary>
internal sealed class FastFixFile
{
    public List<FastFixRule> Rules { get; set; } = [];
}
