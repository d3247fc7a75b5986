namespace ServiceBot.Channels.Web;

/// <summary>A file served from the assembly, with its entity tag for conditional requests.</summary>
internal sealed record WebAsset(byte[] Content, string ContentType, string ETag);
