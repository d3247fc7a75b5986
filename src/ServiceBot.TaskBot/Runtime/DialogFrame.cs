namespace ServiceBot.TaskBot.Runtime;

/// <summary>One running dialog: its slot values and what it is waiting for.</summary>
internal sealed class DialogFrame
{
    /// <summary>What <see cref="Expecting"/> holds while the confirmation question is open.</summary>
    public const string Confirmation = "@confirm";

    public string Dialog { get; set; } = "";

    /// <summary>Slot values and values mapped from backend responses, as text.</summary>
    public Dictionary<string, string> Slots { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The slot asked last, or <see cref="Confirmation"/>; null before the first question.</summary>
    public string? Expecting { get; set; }

    /// <summary>Failed answers to the current question.</summary>
    public int Attempts { get; set; }

    public bool Confirmed { get; set; }

    /// <summary>For a sub-dialog: the slot of the dialog below that it fills.</summary>
    public string? ParentSlot { get; set; }
}
