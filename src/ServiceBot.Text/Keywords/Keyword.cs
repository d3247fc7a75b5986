namespace ServiceBot.Text.Keywords;

/// <summary>A keyword and its TF-IDF weight (term frequency in the text times IDF, over the number of counted words).</summary>
public readonly record struct Keyword(string Word, double Weight);
