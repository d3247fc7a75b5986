using Microsoft.AspNetCore.Http.HttpResults;
using ServiceBot.Core.Bots;

namespace ServiceBot.Server.Endpoints;

/// <summary>Liveness and readiness, for load balancers and orchestrators.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var health = endpoints.MapGroup("/health").WithTags("Health");

        // Liveness: the process serves requests. Says nothing about bots, so a slow index build
        // never gets the process restarted.
        health.MapGet("", () => TypedResults.Ok(new HealthReport("ok", null)))
            .WithSummary("The server process is up.");

        health.MapGet("/ready", Results<Ok<HealthReport>, JsonHttpResult<HealthReport>> (BotReadiness readiness) =>
            {
                var bots = readiness.Status.ToDictionary(
                    p => p.Key,
                    p => new BotHealth(p.Value.State.ToString().ToLowerInvariant(), p.Value.Error, p.Value.Components),
                    StringComparer.Ordinal);
                return readiness.AllReady
                    ? TypedResults.Ok(new HealthReport("ready", bots))
                    : TypedResults.Json(new HealthReport("not-ready", bots), statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithSummary("Every bot has loaded (indexes built, models trained) and can answer.");
    }

    internal sealed record HealthReport(string Status, IReadOnlyDictionary<string, BotHealth>? Bots);

    internal sealed record BotHealth(string State, string? Error, IReadOnlyDictionary<string, double> ComponentsMs);
}
