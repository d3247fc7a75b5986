namespace ServiceBot.Channels.DirectLine;

/// <summary>The result of reading a Direct Line bearer credential.</summary>
internal enum DirectLineTokenStatus
{
    /// <summary>A valid token; its grant is known.</summary>
    Valid = 0,

    /// <summary>The configured secret: full access.</summary>
    Secret,

    /// <summary>A token this server signed, past its expiry.</summary>
    Expired,

    /// <summary>Missing, malformed, or not signed by this server.</summary>
    Invalid,
}
