using System.Text;
using ServiceBot.Abstractions.State;

namespace ServiceBot.Testing.Contracts;

/// <summary>The behaviour every <see cref="IConversationStateStore"/> must have; each implementation's tests derive from it.</summary>
public abstract class ConversationStateStoreContract
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    protected abstract Task<IConversationStateStore> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewKey() => "k-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ReadsNothingForAnUnknownConversation()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.ReadAsync(NewKey(), Ct));
    }

    [Fact]
    public async Task WritesAndReadsBackTheSameBytesWithTheReturnedETag()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        var etag = await store.WriteAsync(key, Encoding.UTF8.GetBytes("{\"a\":1}"), null, Day, Ct);
        var read = await store.ReadAsync(key, Ct);
        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(read.Data.Span));
    }

    [Fact]
    public async Task EachWriteGetsANewETag()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        var first = await store.WriteAsync(key, "1"u8.ToArray(), null, Day, Ct);
        var second = await store.WriteAsync(key, "2"u8.ToArray(), first, Day, Ct);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task RejectsAWriteWithAStaleETagAndKeepsTheNewerState()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        var first = await store.WriteAsync(key, "1"u8.ToArray(), null, Day, Ct);
        await store.WriteAsync(key, "2"u8.ToArray(), first, Day, Ct);

        var conflict = await Assert.ThrowsAsync<ETagConflictException>(async () => await store.WriteAsync(key, "3"u8.ToArray(), first, Day, Ct));
        Assert.Equal(key, conflict.Key);
        Assert.Equal("2", Encoding.UTF8.GetString((await store.ReadAsync(key, Ct))!.Data.Span));
    }

    [Fact]
    public async Task RejectsCreatingAConversationThatAlreadyExists()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        await store.WriteAsync(key, "1"u8.ToArray(), null, Day, Ct);
        await Assert.ThrowsAsync<ETagConflictException>(async () => await store.WriteAsync(key, "2"u8.ToArray(), null, Day, Ct));
    }

    [Fact]
    public async Task RejectsUpdatingAConversationThatWasDeleted()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        var etag = await store.WriteAsync(key, "1"u8.ToArray(), null, Day, Ct);
        Assert.True(await store.DeleteAsync(key, Ct));
        Assert.False(await store.DeleteAsync(key, Ct));
        await Assert.ThrowsAsync<ETagConflictException>(async () => await store.WriteAsync(key, "2"u8.ToArray(), etag, Day, Ct));
    }

    [Fact]
    public async Task ForgetsStateAfterItsTimeToLive()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        await store.WriteAsync(key, "1"u8.ToArray(), null, TimeSpan.FromMilliseconds(150), Ct);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await store.ReadAsync(key, Ct) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "state did not expire");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task OnlyOneOfManyConcurrentWritersWithTheSameETagWins()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        var etag = await store.WriteAsync(key, "0"u8.ToArray(), null, Day, Ct);
        var attempts = Enumerable.Range(1, 16).Select(async i =>
        {
            try
            {
                await store.WriteAsync(key, Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), etag, Day, Ct);
                return true;
            }
            catch (ETagConflictException)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(r => r));
    }
}
