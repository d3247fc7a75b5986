using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Logging;

namespace ServiceBot.Core.Logging;

/// <summary>
/// Writes turn records to the conversation log off the reply path, retrying failures; records that
/// still cannot be written go to a spool file that is replayed on the next start. A slow or failing
/// log store therefore never delays a reply and never loses a line.
/// </summary>
/// <remarks>Thread-safe. Records are written in the order they were enqueued.</remarks>
public sealed partial class TurnLogWriter : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    private readonly IConversationLog _log;
    private readonly ILogger<TurnLogWriter> _logger;
    private readonly string _spoolFile;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _spoolGate = new();
    private Task? _pump;

    public TurnLogWriter(IConversationLog log, IOptions<ServiceBotOptions> options, IHostEnvironment environment, ILogger<TurnLogWriter> logger)
    {
        _log = log;
        _logger = logger;
        var dataRoot = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DataDirectory));
        _spoolFile = Path.Combine(dataRoot, "_spool", "turn-log.jsonl");
    }

    /// <summary>Queues a record; returns at once.</summary>
    public void Enqueue(TurnRecord record)
    {
        EnsureStarted();
        if (!_queue.Writer.TryWrite(new Item(record, null)))
        {
            Spool(record);
        }
    }

    /// <summary>Completes when every record enqueued before the call has been written (or spooled).</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new Item(null, flushed)) ? flushed.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        await ReplaySpoolAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_pump is not null)
        {
            try
            {
                await _pump.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await _stopping.CancelAsync().ConfigureAwait(false);
            }
        }

        while (_queue.Reader.TryRead(out var item))
        {
            if (item.Record is not null)
            {
                Spool(item.Record);
            }

            item.Flushed?.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void EnsureStarted()
    {
        if (_pump is null)
        {
            lock (_spoolGate)
            {
                _pump ??= Task.Run(PumpAsync);
            }
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item.Record is { } record && !await TryWriteAsync(record, _stopping.Token).ConfigureAwait(false))
            {
                Spool(record);
            }

            item.Flushed?.TrySetResult();
        }
    }

    private async Task<bool> TryWriteAsync(TurnRecord record, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _log.AppendAsync(record, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (attempt >= Backoff.Length)
                {
                    LogGaveUp(_logger, e, record.TurnId);
                    return false;
                }

                LogRetry(_logger, record.TurnId, attempt + 1);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            try
            {
                await Task.Delay(Backoff[attempt], cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private void Spool(TurnRecord record)
    {
        lock (_spoolGate)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_spoolFile)!);
                File.AppendAllText(_spoolFile, JsonSerializer.Serialize(record, ActivityJson.Options) + "\n");
                LogSpooled(_logger, record.TurnId);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogLost(_logger, e, record.TurnId);
            }
        }
    }

    private async Task ReplaySpoolAsync(CancellationToken cancellationToken)
    {
        string[] lines;
        lock (_spoolGate)
        {
            if (!File.Exists(_spoolFile))
            {
                return;
            }

            lines = File.ReadAllLines(_spoolFile);
            File.Delete(_spoolFile);
        }

        var replayed = 0;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            TurnRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<TurnRecord>(line, ActivityJson.Options);
            }
            catch (JsonException)
            {
                record = null;
            }

            if (record is null)
            {
                continue;
            }

            if (await TryWriteAsync(record, cancellationToken).ConfigureAwait(false))
            {
                replayed++;
            }
            else
            {
                Spool(record);
            }
        }

        LogReplayed(_logger, replayed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing turn {TurnId} to the conversation log failed (attempt {Attempt}); retrying.")]
    private static partial void LogRetry(ILogger logger, string turnId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing turn {TurnId} to the conversation log failed after retries; it is spooled for replay.")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string turnId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn {TurnId} was spooled to disk for a later write to the conversation log.")]
    private static partial void LogSpooled(ILogger logger, string turnId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Turn {TurnId} could neither be logged nor spooled.")]
    private static partial void LogLost(ILogger logger, Exception exception, string turnId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} spooled turn records into the conversation log.")]
    private static partial void LogReplayed(ILogger logger, int count);

    private sealed record Item(TurnRecord? Record, TaskCompletionSource? Flushed);
}
