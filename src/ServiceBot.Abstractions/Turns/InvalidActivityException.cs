namespace ServiceBot.Abstractions.Turns;

/// <summary>An incoming activity lacks what a turn needs; the message says what.</summary>
public sealed class InvalidActivityException : Exception
{
    public InvalidActivityException(string message)
        : base(message)
    {
    }
}
