using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Tracing;

namespace ServiceBot.Abstractions.Turns;

/// <summary>
/// Everything one turn needs: the incoming activity, the bot, the conversation state (loaded once
/// before the pipeline, saved once after it), the analyzed utterance, the replies and the trace.
/// </summary>
/// <remarks>Owned by one turn and not thread-safe; stages run one after another.</remarks>
public sealed class TurnContext
{
    private readonly List<Activity> _replies = [];
    private AnalyzedUtterance? _utterance;

    public TurnContext(string turnId, Activity activity, BotDefinition bot, ConversationState state, DateTimeOffset now)
    {
        TurnId = turnId;
        Activity = activity;
        Bot = bot;
        State = state;
        Now = now;
        Locale = activity.Locale ?? state.Locale ?? bot.DefaultLocale;
        Trace = new TurnTrace(turnId);
    }

    /// <summary>Unique id of this turn; the same id is on the trace and the conversation log record.</summary>
    public string TurnId { get; }

    public Activity Activity { get; }

    /// <summary>The channel's stream for typing and partial replies, when it has one.</summary>
    public IReplyStream? Stream { get; init; }

    public BotDefinition Bot { get; }

    /// <summary>Conversation state, loaded before the pipeline runs and saved after it.</summary>
    public ConversationState State { get; }

    /// <summary>Turn time, fixed when the turn starts so every stage sees the same "now".</summary>
    public DateTimeOffset Now { get; }

    public TurnTrace Trace { get; }

    public TurnFeatures Features { get; } = new();

    /// <summary>
    /// The BCP-47 locale replies are written in: the activity's locale, else the conversation's, else
    /// the bot's default; the analyze stage refines it from the language the customer actually wrote.
    /// </summary>
    public string Locale { get; set; }

    /// <summary>True once the analyze stage has run.</summary>
    public bool IsAnalyzed => _utterance is not null;

    /// <summary>The normalized and segmented text, produced once by the analyze stage and shared by every later stage.</summary>
    /// <exception cref="InvalidOperationException">Read before the analyze stage ran: a pipeline ordering error.</exception>
    public AnalyzedUtterance Utterance
    {
        get => _utterance ?? throw new InvalidOperationException("The utterance is read before the analyze stage has run; check the pipeline order.");
        set => _utterance = value;
    }

    /// <summary>Replies to send, in order.</summary>
    public IReadOnlyList<Activity> Replies => _replies;

    public TurnOutcome Outcome { get; private set; }

    /// <summary>The stage or responder whose reply the customer gets (e.g. <c>kbbot</c>, <c>rules</c>).</summary>
    public string? AnsweredBy { get; private set; }

    /// <summary>
    /// What the turn was about (an FAQ id, an intent, a workflow), kept in the conversation's recent
    /// turns so the next turn can resolve follow-ups such as "那运费呢？". When the answering layer
    /// leaves it null, the id of its top trace candidate is used.
    /// </summary>
    public string? Topic { get; set; }

    /// <summary>
    /// True once a stage did something that must not happen twice (called a backend, handed off).
    /// The turn processor reruns a turn after an ETag conflict only while this is false.
    /// </summary>
    public bool HasSideEffects { get; private set; }

    /// <summary>The text of the incoming message, or an empty string for non-message activities.</summary>
    public string Text => Activity.Text ?? "";

    /// <summary>Sets the turn's answer. Replaces any replies an earlier call set.</summary>
    public void Respond(string answeredBy, TurnOutcome outcome, params IEnumerable<Activity> replies)
    {
        _replies.Clear();
        _replies.AddRange(replies);
        IsGenerated = false;
        AnsweredBy = answeredBy;
        Outcome = outcome;
        Trace.AnsweredBy = answeredBy;
        Trace.Outcome = outcome;
    }

    /// <summary>Adds a reply after the current ones without changing who answered (e.g. a reminder to resume a workflow).</summary>
    public void AppendReply(Activity reply) => _replies.Add(reply);

    /// <summary>Replaces the reply at <paramref name="index"/>; used by post-filters that repair a reply.</summary>
    public void ReplaceReply(int index, Activity reply) => _replies[index] = reply;

    /// <summary>
    /// True when the turn's replies were written by a generative model, so the post-filter's
    /// fact checks apply to them.
    /// </summary>
    public bool IsGenerated { get; private set; }

    /// <summary>Marks the current replies as generated.</summary>
    public void MarkGenerated() => IsGenerated = true;

    /// <summary>Records that this turn had an effect outside the conversation state.</summary>
    public void MarkSideEffect() => HasSideEffects = true;

    /// <summary>
    /// Creates a message from an operator-written answer: its text and format, and its buttons as
    /// suggested actions (<c>imBack</c> sends the value back as the customer's next message).
    /// </summary>
    public Activity CreateReply(RichAnswer answer)
    {
        var reply = CreateReply(answer.Text, answer.Format == TextFormats.Markdown ? TextFormats.Markdown : TextFormats.Plain);
        if (answer.Buttons.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = answer.Buttons.ConvertAll(b => new CardAction
                {
                    Type = b.Type,
                    Title = b.Title,
                    Value = System.Text.Json.JsonSerializer.SerializeToElement(string.IsNullOrEmpty(b.Value) ? b.Title : b.Value),
                }),
            };
        }

        return reply;
    }

    /// <summary>Creates a message addressed to the customer in the turn's locale.</summary>
    public Activity CreateReply(string text, string textFormat = TextFormats.Plain)
    {
        var reply = Activity.CreateReply(text, Locale);
        reply.TextFormat = textFormat;
        return reply;
    }
}
