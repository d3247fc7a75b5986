using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.Abstractions.Cache;

/// <summary>
/// Left in <see cref="Turns.TurnContext.Features"/> by a responder whose answer depends on the
/// message alone (not on the conversation, the customer or the channel), so the funnel may promote
/// it to the answer cache once the same message keeps getting it.
/// </summary>
/// <param name="FaqId">The FAQ answered.</param>
/// <param name="FaqVersion">Its version; editing the FAQ makes a promoted entry stale.</param>
/// <param name="Question">The FAQ's standard question, shown to operators.</param>
/// <param name="Answer">The answer as given.</param>
/// <param name="Locale">The locale it was given in.</param>
public sealed record CacheableAnswer(string FaqId, long FaqVersion, string Question, RichAnswer Answer, string Locale);
