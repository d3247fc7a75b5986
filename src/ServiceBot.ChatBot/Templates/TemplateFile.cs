namespace ServiceBot.ChatBot.Templates;

/// <summary>The shape of a chit-chat templates file.</summary>
internal sealed class TemplateFile
{
    public List<ChitChatTemplate> Templates { get; set; } = [];
}
