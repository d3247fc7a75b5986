namespace ServiceBot.TaskBot.Backend;

/// <summary>How a backend call ended, from the dialog's point of view.</summary>
public enum BackendStatus
{
    /// <summary>2xx: the response is in <see cref="BackendResult.Body"/>.</summary>
    Ok,

    /// <summary>404: the thing the slot names does not exist; the slot is asked again.</summary>
    NotFound,

    /// <summary>Another 4xx: the backend refuses (return window closed…); its message is shown.</summary>
    Rejected,

    /// <summary>5xx, timeout, refused connection, bad JSON, no URL configured: the customer is offered a human.</summary>
    Failed,
}
