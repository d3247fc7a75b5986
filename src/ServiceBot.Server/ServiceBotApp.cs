using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Server;

/// <summary>Builds the ServiceBot web server: what <c>servicebot run</c> starts and what integration tests host.</summary>
public static class ServiceBotApp
{
    /// <summary>The address the server listens on when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// Creates the application. <paramref name="args"/> take ASP.NET Core's usual switches
    /// (<c>--urls</c>, <c>--ServiceBot:Redis:Configuration=…</c>); environment variables such as
    /// <c>ServiceBot__Redis__Configuration</c> work too. <paramref name="configure"/> lets a test or
    /// tool adjust the builder before it is built.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var contentRoot = Environment.GetEnvironmentVariable("SERVICEBOT_HOME");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = string.IsNullOrEmpty(contentRoot) ? null : contentRoot,
            WebRootPath = "wwwroot-does-not-exist",
        });

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (builder.Configuration.GetValue<bool>("ServiceBot:Logging:Json"))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        builder.Services.Configure<JsonOptions>(o => Copy(ActivityJson.Options, o.SerializerOptions));
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddServiceBot(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapServiceBot();
        return app;
    }

    private static void Copy(JsonSerializerOptions from, JsonSerializerOptions to)
    {
        to.PropertyNamingPolicy = from.PropertyNamingPolicy;
        to.DefaultIgnoreCondition = from.DefaultIgnoreCondition;
        to.Encoder = from.Encoder;
        to.PropertyNameCaseInsensitive = true;
        foreach (var converter in from.Converters)
        {
            to.Converters.Add(converter);
        }
    }
}
