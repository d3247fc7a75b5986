using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ServiceBot.SampleBackend;

/// <summary>
/// A small order system for the sample shop bot, speaking JSON over HTTP like a company's real
/// backend: orders, shipments, returns (with a return window), refunds, address changes (only before
/// shipping, after a phone check) and invoices. Order <c>LM99999999999</c> always fails with 500
/// and <c>LM88888888888</c> never answers, so error handling can be tried and tested.
/// </summary>
/// <remarks>State is in memory and per instance; every start begins from <c>orders.json</c>.</remarks>
public sealed class SampleShopBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly JsonObject _data;
    private readonly ConcurrentDictionary<string, JsonObject> _orders = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, JsonObject> _returns = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _sequence;

    private SampleShopBackend(WebApplication app, JsonObject data, TimeProvider time)
    {
        _app = app;
        _data = data;
        _time = time;
        foreach (var order in data["orders"]!.AsArray())
        {
            _orders[(string)order!["id"]!] = order.AsObject();
        }
    }

    /// <summary>The address it listens on, e.g. <c>http://127.0.0.1:5081</c>.</summary>
    public Uri Address => new(_app.Urls.First());

    /// <summary>Starts the backend on <paramref name="url"/> (port 0 picks a free one).</summary>
    public static async Task<SampleShopBackend> StartAsync(string url, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new SampleShopBackend(app, LoadData(), time ?? TimeProvider.System);
        backend.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static JsonObject LoadData()
    {
        using var stream = typeof(SampleShopBackend).Assembly.GetManifestResourceStream("ServiceBot.SampleBackend.orders.json")
            ?? throw new InvalidOperationException("orders.json is missing from the sample backend.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/orders/{id}", async (string id, CancellationToken ct) => await WithOrderAsync(id, order => Results.Json(View(order)), ct).ConfigureAwait(false));
        app.MapGet("/shipments/{tracking}", (string tracking) =>
        {
            var order = _orders.Values.FirstOrDefault(o => string.Equals((string?)o["tracking_number"], tracking, StringComparison.OrdinalIgnoreCase));
            return order is null ? NotFound("no such shipment") : Results.Json(Shipment(order));
        });
        app.MapPost("/orders/{id}/verify", async (string id, JsonObject body, CancellationToken ct) => await WithOrderAsync(id, order =>
            Digits((string?)body["phone"]) == Digits((string?)order["phone"])
                ? Results.Json(new JsonObject { ["verified"] = true })
                : Results.Json(new JsonObject { ["message"] = "phone number does not match" }, statusCode: 422), ct).ConfigureAwait(false));
        app.MapPost("/orders/{id}/address", async (string id, JsonObject body, CancellationToken ct) => await WithOrderAsync(id, order =>
        {
            if ((string?)order["status"] != "paid")
            {
                return Results.Json(new JsonObject { ["message"] = "订单已发货，无法修改地址 / the order has already shipped" }, statusCode: 409);
            }

            order["address"] = (string?)body["address"];
            return Results.Json(new JsonObject { ["ok"] = true });
        }, ct).ConfigureAwait(false));
        app.MapPost("/returns", async (JsonObject body, CancellationToken ct) => await WithOrderAsync((string?)body["order_id"] ?? "", order =>
        {
            if ((string?)order["status"] != "delivered")
            {
                return Results.Json(new JsonObject { ["message"] = "订单尚未签收 / the order has not been delivered yet" }, statusCode: 422);
            }

            if ((int?)order["delivered_days_ago"] > (int)_data["return_window_days"]!)
            {
                return Results.Json(new JsonObject { ["message"] = "已超过 7 天退货期 / the 7-day return window has passed" }, statusCode: 422);
            }

            var returnId = "RT" + Interlocked.Increment(ref _sequence).ToString("000000", CultureInfo.InvariantCulture);
            var record = new JsonObject
            {
                ["return_id"] = returnId,
                ["order_id"] = (string?)order["id"],
                ["reason"] = (string?)body["reason"],
                ["pickup_date"] = (string?)body["pickup_date"],
                ["refund_amount"] = (decimal?)order["total"],
            };
            _returns[returnId] = record;
            return Results.Json(record, statusCode: 201);
        }, ct).ConfigureAwait(false));
        app.MapGet("/refunds/{id}", async (string id, CancellationToken ct) => await WithOrderAsync(id, order =>
            order["refund"] is JsonObject refund
                ? Results.Json(new JsonObject
                {
                    ["status"] = (string?)refund["status"],
                    ["amount"] = (decimal?)refund["amount"],
                    ["eta"] = Day((int?)refund["eta_days"] ?? 0),
                })
                : NotFound("no refund for this order"), ct).ConfigureAwait(false));
        app.MapPost("/invoices", async (JsonObject body, CancellationToken ct) => await WithOrderAsync((string?)body["order_id"] ?? "", order =>
        {
            if (string.IsNullOrWhiteSpace((string?)body["email"]))
            {
                return Results.Json(new JsonObject { ["message"] = "email is required" }, statusCode: 400);
            }

            var id = "INV" + Interlocked.Increment(ref _sequence).ToString("000000", CultureInfo.InvariantCulture);
            return Results.Json(new JsonObject { ["invoice_id"] = id, ["order_id"] = (string?)order["id"] }, statusCode: 201);
        }, ct).ConfigureAwait(false));
        app.MapGet("/returns/{id}", (string id) => _returns.TryGetValue(id, out var record) ? Results.Json(record) : NotFound("no such return"));
    }

    private async Task<IResult> WithOrderAsync(string id, Func<JsonObject, IResult> handle, CancellationToken cancellationToken)
    {
        if (!_orders.TryGetValue(id, out var order))
        {
            return NotFound("no such order");
        }

        switch ((string?)order["fail"])
        {
            case "error":
                return Results.Json(new JsonObject { ["message"] = "internal error" }, statusCode: StatusCodes.Status500InternalServerError);
            case "hang":
                await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
                break;
        }

        lock (order)
        {
            return handle(order);
        }
    }

    private JsonObject View(JsonObject order) => new()
    {
        ["id"] = (string?)order["id"],
        ["status"] = (string?)order["status"],
        ["total"] = (decimal?)order["total"],
        ["placed_at"] = Day(-((int?)order["placed_days_ago"] ?? 0)),
        ["items"] = order["items"]?.DeepClone(),
        ["carrier"] = (string?)order["carrier"],
        ["tracking_number"] = (string?)order["tracking_number"],
        ["eta"] = order["eta_days"] is null ? null : Day((int)order["eta_days"]!),
        ["address"] = (string?)order["address"],
    };

    private JsonObject Shipment(JsonObject order)
    {
        var delivered = (string?)order["status"] == "delivered";
        return new JsonObject
        {
            ["tracking_number"] = (string?)order["tracking_number"],
            ["carrier"] = (string?)order["carrier"],
            ["status"] = delivered ? "delivered" : "in-transit",
            ["last_event"] = delivered ? "已签收，签收人：本人 / delivered, signed by recipient" : "快件已到达派送站点 / arrived at the local depot",
            ["eta"] = delivered ? null : Day((int?)order["eta_days"] ?? 1),
        };
    }

    private string Day(int offset) => _time.GetLocalNow().Date.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Digits(string? text) => string.Concat((text ?? "").Where(char.IsAsciiDigit).TakeLast(11));

    private static IResult NotFound(string message) => Results.Json(new JsonObject { ["message"] = message }, statusCode: StatusCodes.Status404NotFound);
}
