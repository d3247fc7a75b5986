using System.Runtime.InteropServices;

namespace ServiceBot.Retrieval;

/// <summary>An item of an index (a document row, a vector) with its score; higher is better.</summary>
/// <param name="Id">The item's id in the index that produced it.</param>
/// <param name="Score">The index's own score, comparable within one result list only.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct ScoredItem(int Id, float Score);
