namespace ServiceBot.SensitiveWords.WordLists;

/// <summary>A word-list file to compile: one entry per line, <c>word</c> or <c>word&lt;TAB&gt;category</c>.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="DefaultCategory">Category of lines that name none.</param>
/// <param name="IsAllowList">True for an allow-list: its entries hide sensitive matches that lie inside them.</param>
public sealed record WordListSource(string Path, string DefaultCategory, bool IsAllowList = false);
