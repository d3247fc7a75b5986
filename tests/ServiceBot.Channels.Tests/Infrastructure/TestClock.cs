namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>The system clock, shifted by whatever a test adds: token expiry and replay windows without waiting.</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
