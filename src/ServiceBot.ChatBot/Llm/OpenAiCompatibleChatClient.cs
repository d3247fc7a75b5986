using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAiChatMessage = OpenAI.Chat.ChatMessage;
using OpenAiFinishReason = OpenAI.Chat.ChatFinishReason;

namespace ServiceBot.ChatBot.Llm;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI .NET SDK, pointed at any OpenAI-compatible server.
/// Text-only: system, user and assistant messages in; text, finish reason and token usage out.
/// </summary>
/// <remarks>
/// The SDK's own retries are switched off (resilience is <see cref="ResilientChatClient"/>'s job, so
/// retries are counted and bounded in one place). Thread-safe; one SDK client per model id.
/// </remarks>
internal sealed class OpenAiCompatibleChatClient : IChatClient
{
    private readonly LlmOptions _options;
    private readonly OpenAIClientOptions _clientOptions;
    private readonly ApiKeyCredential _credential;
    private readonly ConcurrentDictionary<string, ChatClient> _clients = new(StringComparer.Ordinal);
    private readonly ChatClientMetadata _metadata;

    public OpenAiCompatibleChatClient(LlmOptions options, HttpClient? httpClient = null)
    {
        _options = options;
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("No model endpoint is configured (ServiceBot:Llm:Endpoint).");
        _clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),

            // The whole-call budget is enforced by the caller's token; the SDK's own timer only has to
            // stay out of the way.
            NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5),
            UserAgentApplicationId = "servicebot",
        };
        if (httpClient is not null)
        {
            _clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        // Self-hosted servers ignore the key, but the SDK insists on one.
        _credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey);
        _metadata = new ChatClientMetadata("openai-compatible", endpoint, options.Model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var client = ClientFor(options);
        var result = await client.CompleteChatAsync(ToOpenAi(messages), ToOpenAi(options), cancellationToken).ConfigureAwait(false);
        var completion = result.Value;
        var text = string.Concat(completion.Content.Select(p => p.Text));
        return new ChatResponse(new AiChatMessage(ChatRole.Assistant, text))
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            CreatedAt = completion.CreatedAt,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = ClientFor(options);
        var updates = client.CompleteChatStreamingAsync(ToOpenAi(messages), ToOpenAi(options), cancellationToken);
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var contents = new List<AIContent>(2);
            foreach (var part in update.ContentUpdate)
            {
                if (!string.IsNullOrEmpty(part.Text))
                {
                    contents.Add(new TextContent(part.Text));
                }
            }

            if (update.Usage is { } usage)
            {
                contents.Add(new UsageContent(ToUsage(usage)!));
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = update.CompletionId,
                ModelId = update.Model,
                CreatedAt = update.CreatedAt,
                FinishReason = update.FinishReason is { } finish ? ToFinishReason(finish) : null,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The SDK clients hold no unmanaged resources; the transport's HttpClient belongs to the caller.
    }

    private ChatClient ClientFor(ChatOptions? options)
    {
        var model = options?.ModelId ?? _options.Model ?? throw new InvalidOperationException("No model id is configured (ServiceBot:Llm:Model).");
        return _clients.GetOrAdd(model, m => new ChatClient(m, _credential, _clientOptions));
    }

    private static List<OpenAiChatMessage> ToOpenAi(IEnumerable<AiChatMessage> messages)
    {
        var result = new List<OpenAiChatMessage>();
        foreach (var message in messages)
        {
            var text = message.Text;
            if (message.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(text));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(new AssistantChatMessage(text));
            }
            else
            {
                result.Add(new UserChatMessage(text));
            }
        }

        return result;
    }

    private ChatCompletionOptions ToOpenAi(ChatOptions? options)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            foreach (var stop in stops)
            {
                result.StopSequences.Add(stop);
            }
        }

        if (options.MaxOutputTokens is { } max)
        {
            if (_options.MaxTokensField == "max_completion_tokens")
            {
                result.MaxOutputTokenCount = max;
            }
            else
            {
#pragma warning disable SCME0001 // The JSON patch API is marked experimental; it is the SDK's only way to send the field every compatible server knows.
                result.Patch.Set("$.max_tokens"u8, max);
#pragma warning restore SCME0001
            }
        }

        return result;
    }

    private static AiFinishReason? ToFinishReason(OpenAiFinishReason reason) => reason switch
    {
        OpenAiFinishReason.Stop => AiFinishReason.Stop,
        OpenAiFinishReason.Length => AiFinishReason.Length,
        OpenAiFinishReason.ContentFilter => AiFinishReason.ContentFilter,
        OpenAiFinishReason.ToolCalls or OpenAiFinishReason.FunctionCall => AiFinishReason.ToolCalls,
        _ => null,
    };

    private static UsageDetails? ToUsage(ChatTokenUsage? usage) => usage is null
        ? null
        : new UsageDetails
        {
            InputTokenCount = usage.InputTokenCount,
            OutputTokenCount = usage.OutputTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
        };
}
