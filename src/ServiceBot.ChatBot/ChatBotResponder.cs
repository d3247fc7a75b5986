using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.ChitChat;
using ServiceBot.ChatBot.Content;
using ServiceBot.ChatBot.Generation;
using ServiceBot.ChatBot.Templates;

namespace ServiceBot.ChatBot;

/// <summary>
/// The router's last responder (<c>chatbot</c>): chit-chat templates, then retrieval chit-chat, then
/// grounded generation when a model is configured, else the bot's "I can only help with …" reply
/// with suggestions and a handoff offer. It never leaves a turn silent.
/// </summary>
/// <remarks>
/// Chit-chat declines to answer a message that looks more like a business question (closer to a
/// knowledge passage than to the chit-chat corpus), so small talk never wins over the knowledge base.
/// A prompt-injection verdict from the rejector means the model is not called. Thread-safe.
/// </remarks>
internal sealed class ChatBotResponder(ChatBotContentCache contents, ChitChatMatcher matcher, GroundedGenerator generator) : IResponder
{
    public const string ResponderName = "chatbot";

    public string Name => ResponderName;

    public async ValueTask<ResponderResult> RespondAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var content = contents.Get(turn.Bot);
        if (!content.Settings.Enabled)
        {
            return ResponderResult.Declined("disabled");
        }

        var step = turn.Trace.Current;
        var utterance = turn.IsAnalyzed ? turn.Utterance : contents.Analyzer.Analyze(turn.Text);
        var chitChat = await matcher.MatchAsync(turn.Bot, content, utterance, turn.Locale, cancellationToken).ConfigureAwait(false);
        if (chitChat.Template is { } template)
        {
            step?.Note("chatbot", "template:" + template.Template.Id);
            var text = TemplateSet.Render(template.Template.Replies!.Pick(turn.Locale), template.Captures, content.Persona, turn.Locale);
            return ResponderResult.Answered(template.Coverage, turn.CreateReply(text));
        }

        if (chitChat.Hit is { } hit)
        {
            step?.Note("chitchat-similarity", Math.Round(hit.Similarity, 4));
            step?.Note("business-similarity", Math.Round(chitChat.BusinessSimilarity, 4));
            if (chitChat.Layer == ChitChatLayer.Retrieval)
            {
                step?.Note("chatbot", "chitchat:" + hit.Entry.Id);
                var text = TemplateSet.Render(hit.Entry.Replies!.Pick(turn.Locale), new Dictionary<string, string>(StringComparer.Ordinal), content.Persona, turn.Locale);
                return ResponderResult.Answered(hit.Similarity, turn.CreateReply(text));
            }
        }

        var passages = chitChat.Passages;
        var reason = "no-llm";
        var injection = turn.Features.Get<PromptInjectionVerdict>();
        if (injection is { IsInjection: true })
        {
            reason = "prompt-injection";
        }
        else if (content.Settings.Generation.Enabled && generator.IsAvailable)
        {
            // The filters fall back to this when they block the generated reply.
            turn.Features.Set(new SafeAlternative([Fallback(turn, content, [])]));
            var generated = await generator.GenerateAsync(turn, content, utterance, cancellationToken).ConfigureAwait(false);
            if (generated.Reply is not null)
            {
                step?.Note("chatbot", "generated");
                return new ResponderResult(ResponderOutcome.Answered, 0.6, [generated.Reply], "generated") { IsGenerated = true };
            }

            reason = generated.Reason;
            passages = turn.Features.Get<GroundingContext>()?.Passages;
        }
        else if (!content.Settings.Generation.Enabled)
        {
            reason = "generation-disabled";
        }

        step?.Note("chatbot", "fallback:" + reason);
        passages ??= content.Settings.Fallback.Suggestions > 0
            ? await generator.RetrieveAsync(turn, content, utterance, cancellationToken).ConfigureAwait(false)
            : [];
        return new ResponderResult(ResponderOutcome.Fallback, 0, [Fallback(turn, content, passages)], reason);
    }

    /// <summary>The bot's out-of-domain text, the closest knowledge titles as suggestions, and the handoff offer.</summary>
    private static Activity Fallback(TurnContext turn, ChatBotContent content, IReadOnlyList<RetrievedPassage> passages)
    {
        var reply = turn.CreateReply(content.Replies.Text(ChatBotReplies.OutOfDomain, turn.Locale));
        var suggestions = passages
            .Select(p => p.Title)
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct(StringComparer.Ordinal)
            .Take(content.Settings.Fallback.Suggestions)
            .ToList();
        if (suggestions.Count > 0)
        {
            reply.Text += "\n" + content.Replies.Text(ChatBotReplies.DidYouMean, turn.Locale);
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = suggestions.ConvertAll(title => new CardAction
                {
                    Type = CardActionTypes.ImBack,
                    Title = title,
                    Value = System.Text.Json.JsonSerializer.SerializeToElement(title),
                }),
            };
        }

        return content.Settings.Fallback.OfferHandoff ? content.Replies.WithHandoffOffer(turn, reply) : reply;
    }
}
