namespace ServiceBot.TestLlm;

/// <summary>How a <see cref="TestLlmRule"/> writes its reply.</summary>
public enum TestLlmReplyMode
{
    /// <summary>The rule's <see cref="TestLlmRule.Reply"/> text as written.</summary>
    Fixed = 0,

    /// <summary>The last user message, repeated back.</summary>
    Echo,

    /// <summary>
    /// The first sentence of the first cited passage in the prompt (a line starting with <c>[source-id]</c>),
    /// followed by its citation: a reply every fact of which is in the context.
    /// </summary>
    Grounded,

    /// <summary>The grounded reply plus a sentence with an invented amount and phone number.</summary>
    Ungrounded,

    /// <summary>The reply text (or the grounded reply) repeated many times: a degenerate loop.</summary>
    Loop,
}
