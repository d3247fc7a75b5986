namespace ServiceBot.SensitiveWords.Pii;

/// <summary>Kinds of personal data the detector finds.</summary>
public enum PiiKind
{
    /// <summary>Mainland mobile numbers (with or without +86), landlines with an area code, and + international numbers.</summary>
    Phone = 0,

    /// <summary>18-character resident identity card numbers whose checksum and birth date are valid.</summary>
    IdCard,

    /// <summary>13–19 digit payment card numbers with a card-scheme prefix and a valid Luhn check digit.</summary>
    BankCard,

    /// <summary>E-mail addresses.</summary>
    Email,
}
