namespace ServiceBot.Abstractions.Knowledge;

/// <summary>How an import treats entries already in the knowledge base.</summary>
public enum KnowledgeImportMode
{
    /// <summary>Add new entries, update entries with the same id, keep the rest.</summary>
    Merge = 0,

    /// <summary>Make the KB exactly the imported entries.</summary>
    Replace,
}
