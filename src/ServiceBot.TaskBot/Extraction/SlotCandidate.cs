namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// A value found in a message for a slot type, with where it was found. <paramref name="Specific"/>
/// values (an order number, an email, a listed entity) may fill a slot the bot did not ask for;
/// unspecific ones (a bare number, "yes", free text) only fill the slot being asked.
/// </summary>
public readonly record struct SlotCandidate(string Value, int Start, int Length, bool Specific);
