namespace ServiceBot.ChatBot.Retrieval;

/// <summary>The shape of a chit-chat corpus file.</summary>
internal sealed class ChitChatCorpusFile
{
    public List<ChitChatEntry> Entries { get; set; } = [];
}
