namespace ServiceBot.KbBot.Responding;

/// <summary>What the KB-Bot decided for a turn.</summary>
internal enum KbTier
{
    /// <summary>Nothing close enough: the turn goes on to ChatBot or the out-of-domain reply.</summary>
    Miss = 0,

    /// <summary>"Did you mean" questions.</summary>
    Suggest,

    /// <summary>The FAQ answer.</summary>
    Answer,
}
