using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Turns;
using ServiceBot.TaskBot.Backend;
using ServiceBot.TaskBot.Content;
using ServiceBot.TaskBot.Dialogs;
using ServiceBot.TaskBot.Extraction;

namespace ServiceBot.TaskBot.Runtime;

/// <summary>
/// One turn of TaskBot's dialog policy over the dialog stack: fill slots from the message, check
/// them, ask for what is missing, confirm, call the backend and reply. Collects the replies; the
/// responder turns them into its proposal.
/// </summary>
/// <remarks>Owned by one turn; not thread-safe.</remarks>
internal sealed class DialogRun
{
    // A dialog definition that keeps re-entering itself must not hang a turn; loading rejects
    // cycles, this is the belt to that brace.
    private const int MaxSteps = 32;
    private const int MaxButtons = 8;

    private readonly TurnContext _turn;
    private readonly TaskBotContent _content;
    private readonly BackendCaller _backend;
    private readonly List<Activity> _replies = [];

    /// <summary>Prepares a turn of the dialog policy over <paramref name="state"/>.</summary>
    /// <param name="turn">The turn.</param>
    /// <param name="content">The bot's compiled TaskBot content.</param>
    /// <param name="backend">Calls the actions.</param>
    /// <param name="state">The conversation's dialog stack, changed in place.</param>
    /// <param name="text">Normalized text to take slot values from; the turn's message when null.</param>
    public DialogRun(TurnContext turn, TaskBotContent content, BackendCaller backend, TaskBotState state, string? text = null)
    {
        _turn = turn;
        _content = content;
        _backend = backend;
        State = state;
        var local = TimeZoneInfo.ConvertTime(turn.Now, ResolveTimeZone(turn, content));
        Input = new ExtractionInput(text ?? turn.Utterance.Normalized, local, turn.Locale);
    }

    public TaskBotState State { get; }

    public ExtractionInput Input { get; }

    public IReadOnlyList<Activity> Replies => _replies;

    /// <summary>True once a backend was called this turn.</summary>
    public bool CalledBackend { get; private set; }

    /// <summary>Why the turn ended as it did, for the trace.</summary>
    public string Reason { get; set; } = "";

    private string Locale => _turn.Locale;

    /// <summary>Starts <paramref name="dialog"/> on top of the stack, taking any slots the message already holds.</summary>
    public async Task StartAsync(DialogDefinition dialog, CancellationToken cancellationToken)
    {
        var frame = new DialogFrame { Dialog = dialog.Id };
        State.Stack.Add(frame);
        _turn.Topic = dialog.Id;
        var found = Extract(dialog, frame);
        if (!await ApplyAsync(dialog, frame, found, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await AdvanceAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The values of <paramref name="dialog"/>'s slots in the message; the slot being asked gets first pick.</summary>
    public Dictionary<string, SlotCandidate> Extract(DialogDefinition dialog, DialogFrame frame)
    {
        var found = new Dictionary<string, SlotCandidate>(StringComparer.Ordinal);
        var used = new List<(int Start, int End)>();

        // Slots of one type (two dates, two phones) share one extraction.
        var byType = new Dictionary<string, List<SlotCandidate>>(StringComparer.OrdinalIgnoreCase);
        foreach (var slot in dialog.Slots.OrderBy(s => s.Name == frame.Expecting ? 0 : 1))
        {
            if (slot.Dialog is not null)
            {
                continue;
            }

            var expected = slot.Name == frame.Expecting;
            if (!byType.TryGetValue(slot.Type, out var candidates))
            {
                candidates = [];
                _content.Dialogs.Types.Get(slot.Type).Extract(Input, candidates);
                byType[slot.Type] = candidates;
            }

            foreach (var candidate in candidates)
            {
                if ((expected || candidate.Specific) && !used.Exists(u => candidate.Start < u.End && u.Start < candidate.Start + candidate.Length))
                {
                    found[slot.Name] = candidate;
                    used.Add((candidate.Start, candidate.Start + candidate.Length));
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Validates and stores found values, running backend checks; false when the dialog ended
    /// (a backend failure) and nothing more should be asked this turn.
    /// </summary>
    public async Task<bool> ApplyAsync(DialogDefinition dialog, DialogFrame frame, Dictionary<string, SlotCandidate> found, CancellationToken cancellationToken)
    {
        foreach (var slot in dialog.Slots)
        {
            if (!found.TryGetValue(slot.Name, out var candidate) || frame.Slots.GetValueOrDefault(slot.Name) == candidate.Value)
            {
                continue;
            }

            var problem = Validate(dialog, frame, slot, candidate.Value);
            if (problem is not null)
            {
                Say(problem);
                CountFailure(frame, slot.Name);
                continue;
            }

            var corrected = frame.Slots.ContainsKey(slot.Name);
            frame.Slots[slot.Name] = candidate.Value;
            frame.Confirmed = false;
            Note("filled", slot.Name);
            if (corrected)
            {
                Reason = "corrected";
            }

            if (slot.Check is null)
            {
                continue;
            }

            var action = dialog.Actions.First(a => a.Id == slot.Check);
            var result = await CallAsync(action, frame, cancellationToken).ConfigureAwait(false);
            switch (result.Status)
            {
                case BackendStatus.NotFound:
                    frame.Slots.Remove(slot.Name);
                    Say(Render(action.NotFound ?? slot.Invalid, dialog, frame, ("value", candidate.Value)) ?? _content.Replies.Format(TaskBotReplies.NotUnderstood, Locale));
                    CountFailure(frame, slot.Name);
                    break;
                case BackendStatus.Rejected:
                    frame.Slots.Remove(slot.Name);
                    Say(Render(action.Rejected ?? slot.Invalid, dialog, frame, ("value", candidate.Value), ("error", result.Message ?? "")) ?? result.Message ?? _content.Replies.Format(TaskBotReplies.NotUnderstood, Locale));
                    CountFailure(frame, slot.Name);
                    break;
                case BackendStatus.Failed:
                    BackendFailure(dialog, action, frame);
                    return false;
                default:
                    Map(action, result, frame);
                    break;
            }
        }

        return State.Stack.Count > 0;
    }

    /// <summary>Moves the top dialog on: asks the next slot, confirms, or completes and resumes the dialog below.</summary>
    public async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        for (var step = 0; step < MaxSteps && State.Stack.Count > 0; step++)
        {
            var frame = State.Stack[^1];
            var dialog = _content.Dialogs.Get(frame.Dialog);
            if (frame.Expecting is { } expecting && expecting != DialogFrame.Confirmation && frame.Attempts >= MaxAttempts(dialog, expecting))
            {
                GiveUp(dialog);
                return;
            }

            var next = dialog.Slots.FirstOrDefault(s => !frame.Slots.ContainsKey(s.Name) && ConditionValue.Holds(s.When, frame.Slots));
            if (next is not null)
            {
                if (next.Default is not null && next.Prompt is null)
                {
                    frame.Slots[next.Name] = next.Default;
                    continue;
                }

                if (next.Dialog is not null)
                {
                    var sub = _content.Dialogs.Get(next.Dialog);
                    var child = new DialogFrame { Dialog = sub.Id, ParentSlot = next.Name };
                    foreach (var name in sub.Inputs.Concat(sub.Slots.Select(s => s.Name)))
                    {
                        if (frame.Slots.TryGetValue(name, out var value))
                        {
                            child.Slots[name] = value;
                        }
                    }

                    State.Stack.Add(child);
                    continue;
                }

                if (frame.Expecting != next.Name)
                {
                    frame.Expecting = next.Name;
                    frame.Attempts = 0;
                }

                Ask(dialog, frame, next);
                return;
            }

            if (dialog.Confirm is { } confirm && !frame.Confirmed)
            {
                frame.Expecting = DialogFrame.Confirmation;
                var reply = _turn.CreateReply(Render(confirm.Prompt, dialog, frame) ?? "");
                AddButtons(reply, _content.Dialogs.Types.YesNo.Choices(Locale));
                _replies.Add(reply);
                Reason = Reason.Length == 0 ? "confirm" : Reason;
                return;
            }

            if (!await CompleteAsync(dialog, frame, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Repeats the question the top dialog waits on (after a digression, a declined switch, a failed answer).</summary>
    public Activity? CurrentQuestion()
    {
        if (State.Stack.Count == 0)
        {
            return null;
        }

        var frame = State.Stack[^1];
        var dialog = _content.Dialogs.Get(frame.Dialog);
        if (frame.Expecting == DialogFrame.Confirmation && dialog.Confirm is { } confirm)
        {
            var reply = _turn.CreateReply(Render(confirm.Prompt, dialog, frame) ?? "");
            AddButtons(reply, _content.Dialogs.Types.YesNo.Choices(Locale));
            return reply;
        }

        var slot = dialog.Slots.FirstOrDefault(s => s.Name == frame.Expecting);
        return slot is null ? null : Question(dialog, frame, slot);
    }

    /// <summary>The title of a dialog in the turn's language.</summary>
    public string Title(string dialogId)
    {
        var dialog = _content.Dialogs.Get(dialogId);
        return dialog.Title?.Pick(Locale) ?? dialog.Id;
    }

    public void Say(string text) => _replies.Add(_turn.CreateReply(text));

    public void Add(Activity reply) => _replies.Add(reply);

    /// <summary>Counts a failed answer to the slot being asked.</summary>
    public static void CountFailure(DialogFrame frame, string slot)
    {
        if (frame.Expecting == slot || frame.Expecting is null)
        {
            frame.Attempts++;
        }
    }

    /// <summary>Abandons every dialog and offers a human: the re-ask limit was reached.</summary>
    public void GiveUp(DialogDefinition dialog)
    {
        var title = dialog.Title?.Pick(Locale) ?? dialog.Id;
        State.Stack.Clear();
        _replies.Add(WithHandoffOffer(_turn.CreateReply(_content.Replies.Format(TaskBotReplies.GiveUp, Locale, ("title", title)))));
        Reason = "give-up";
    }

    /// <summary>Adds the bot's "talk to a human" button to a reply.</summary>
    public Activity WithHandoffOffer(Activity reply)
    {
        AddButtons(reply, [_content.Replies.Format(TaskBotReplies.HandoffOffer, Locale)]);
        return reply;
    }

    private async Task<bool> CompleteAsync(DialogDefinition dialog, DialogFrame frame, CancellationToken cancellationToken)
    {
        foreach (var id in dialog.Complete.Call)
        {
            var action = dialog.Actions.First(a => a.Id == id);
            var result = await CallAsync(action, frame, cancellationToken).ConfigureAwait(false);
            if (result.Status == BackendStatus.Failed)
            {
                BackendFailure(dialog, action, frame);
                return false;
            }

            if (result.Status is BackendStatus.Rejected or BackendStatus.NotFound)
            {
                var text = Render(action.Rejected ?? action.NotFound, dialog, frame, ("error", result.Message ?? "")) ?? result.Message ?? "";
                State.Stack.RemoveAt(State.Stack.Count - 1);
                _replies.Add(WithHandoffOffer(_turn.CreateReply(text)));
                Reason = "backend-rejected";
                return false;
            }

            Map(action, result, frame);
        }

        var reply = dialog.Complete.Replies.FirstOrDefault(r => ConditionValue.Holds(r.When, frame.Slots)) ?? dialog.Complete.Replies[^1];
        var channelText = _turn.Activity.ChannelId is { } channel && reply.Channels.TryGetValue(channel, out var perChannel) ? perChannel : reply.Text;
        Say(Render(channelText, dialog, frame) ?? "");
        State.Stack.RemoveAt(State.Stack.Count - 1);
        Reason = "completed";
        Note("completed", dialog.Id);

        if (frame.ParentSlot is not null && State.Stack.Count > 0)
        {
            var parent = State.Stack[^1];
            foreach (var (name, value) in frame.Slots)
            {
                parent.Slots[name] = value;
            }

            parent.Slots.TryAdd(frame.ParentSlot, "done");
        }

        return true;
    }

    private async Task<BackendResult> CallAsync(ActionDefinition action, DialogFrame frame, CancellationToken cancellationToken)
    {
        CalledBackend = true;
        var url = _content.Settings.Backends.GetValueOrDefault(action.Backend)?.Url;
        var result = await _backend.CallAsync(action, url, frame.Slots, cancellationToken).ConfigureAwait(false);
        Note("action:" + action.Id, result.Status);
        return result;
    }

    private void BackendFailure(DialogDefinition dialog, ActionDefinition action, DialogFrame frame)
    {
        var title = dialog.Title?.Pick(Locale) ?? dialog.Id;
        var text = Render(action.Error, dialog, frame) ?? _content.Replies.Format(TaskBotReplies.BackendError, Locale, ("title", title));
        State.Stack.Clear();
        _replies.Add(WithHandoffOffer(_turn.CreateReply(text)));
        Reason = "backend-error";
    }

    private static void Map(ActionDefinition action, BackendResult result, DialogFrame frame)
    {
        foreach (var (slot, path) in action.Map)
        {
            var value = BackendCaller.Read(result.Body, path);
            if (value is null)
            {
                frame.Slots.Remove(slot);
            }
            else
            {
                frame.Slots[slot] = value;
            }
        }
    }

    private void Ask(DialogDefinition dialog, DialogFrame frame, SlotDefinition slot) => _replies.Add(Question(dialog, frame, slot));

    private Activity Question(DialogDefinition dialog, DialogFrame frame, SlotDefinition slot)
    {
        var prompt = _turn.Activity.ChannelId is { } channel && slot.ChannelPrompts.TryGetValue(channel, out var perChannel) ? perChannel : slot.Prompt;
        var reply = _turn.CreateReply(Render(prompt, dialog, frame) ?? slot.Name);
        var buttons = slot.Buttons.Count > 0 ? slot.Buttons : _content.Dialogs.Types.Get(slot.Type).Choices(Locale);
        AddButtons(reply, buttons);
        return reply;
    }

    private string? Validate(DialogDefinition dialog, DialogFrame frame, SlotDefinition slot, string value)
    {
        var rules = slot.Validate;
        var ok = true;
        if (rules is not null)
        {
            if (rules.Pattern is { } pattern && !Regex.IsMatch(value, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(200)))
            {
                ok = false;
            }

            if ((rules.Min is not null || rules.Max is not null) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                ok &= (rules.Min is null || number >= rules.Min) && (rules.Max is null || number <= rules.Max);
            }

            if ((rules.MinDays is not null || rules.MaxDays is not null) && DateSlotExtractor.DaysFromToday(value, Input.Now) is { } days)
            {
                ok &= (rules.MinDays is null || days >= rules.MinDays) && (rules.MaxDays is null || days <= rules.MaxDays);
            }
        }

        if (ok)
        {
            return null;
        }

        var display = _content.Dialogs.Types.Get(slot.Type).Display(value, Locale);
        return Render(slot.Invalid, dialog, frame, ("value", display)) ?? _content.Replies.Format(TaskBotReplies.NotUnderstood, Locale);
    }

    private static int MaxAttempts(DialogDefinition dialog, string slot) => dialog.Slots.FirstOrDefault(s => s.Name == slot)?.MaxAttempts ?? 3;

    /// <summary>
    /// Fills <c>{slot}</c> variables with values as the customer should read them;
    /// <paramref name="extra"/> supplies names that are not slots (<c>value</c>, <c>error</c>).
    /// </summary>
    public string? Render(LocalizedText? text, DialogDefinition dialog, DialogFrame frame, params (string Name, string Value)[] extra) =>
        text is null ? null : TemplateText.Fill(text.Pick(Locale), name => Value(name, dialog, frame, extra));

    private string Value(string name, DialogDefinition dialog, DialogFrame frame, (string Name, string Value)[] extra)
    {
        foreach (var (n, v) in extra)
        {
            if (n == name)
            {
                return v;
            }
        }

        if (name == "title")
        {
            return dialog.Title?.Pick(Locale) ?? dialog.Id;
        }

        if (!frame.Slots.TryGetValue(name, out var value))
        {
            return "";
        }

        var slot = dialog.Slots.FirstOrDefault(s => s.Name == name && s.Dialog is null);
        return slot is null ? value : _content.Dialogs.Types.Get(slot.Type).Display(value, Locale);
    }

    /// <summary>Adds suggested actions (imBack: the title comes back as the customer's message), at most eight.</summary>
    public static void AddButtons(Activity reply, IReadOnlyList<string> titles)
    {
        if (titles.Count == 0)
        {
            return;
        }

        reply.SuggestedActions ??= new SuggestedActions();
        foreach (var title in titles.Take(MaxButtons))
        {
            if (!reply.SuggestedActions.Actions.Exists(a => a.Title == title))
            {
                reply.SuggestedActions.Actions.Add(new CardAction { Type = CardActionTypes.ImBack, Title = title, Value = JsonSerializer.SerializeToElement(title) });
            }
        }
    }

    private void Note(string key, object value) => _turn.Trace.Note("taskbot." + key, value);

    private static TimeZoneInfo ResolveTimeZone(TurnContext turn, TaskBotContent content)
    {
        if (turn.Activity.LocalTimezone is { Length: > 0 } name && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            return zone;
        }

        return content.TimeZone;
    }
}
