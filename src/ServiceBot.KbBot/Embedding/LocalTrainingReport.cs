namespace ServiceBot.KbBot.Embedding;

/// <summary>What training the local embedder did, for logs and tests.</summary>
/// <param name="Trained">False when the KB had too few paraphrase clusters and the projection stayed random.</param>
/// <param name="Entries">Entries with two or more questions (the positive pairs come from them).</param>
/// <param name="Steps">Batches trained on.</param>
/// <param name="FirstLoss">Mean contrastive loss over the first batches.</param>
/// <param name="LastLoss">Mean contrastive loss over the last batches.</param>
/// <param name="ElapsedMs">Wall time of features, vocabulary and training.</param>
internal sealed record LocalTrainingReport(bool Trained, int Entries, int Steps, double FirstLoss, double LastLoss, double ElapsedMs);
