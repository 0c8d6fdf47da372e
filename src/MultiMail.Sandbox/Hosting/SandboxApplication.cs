using System;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Endpoints;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Review;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Hosting;

/// <summary>Builds the ASP.NET Core application: services, middleware and every endpoint.</summary>
internal static class SandboxApplication
{
    public static WebApplication Build(MultiMailSandboxOptions options, SandboxDatabase database, SandboxState state)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Url);
        if (options.HttpsCertificate is { } certificate)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        if (options.ExtraLoggerProvider is { } extra)
        {
            builder.Logging.AddProvider(extra);
        }

        // Per-request framework logging is noise for a sandbox; in-memory data-protection keys are unencrypted by design.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        // Logs go to stderr: stdout belongs to the host (an in-process sandbox inside an MCP stdio server, say).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        var services = builder.Services;
        services.AddSingleton(database);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton(state.Settings);
        services.AddSingleton(state.Signer);
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboundMailService>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<InboxService>();
        services.AddSingleton<MailboxService>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<UsageService>();
        services.AddSingleton<SpamService>();
        services.AddSingleton<SuppressionService>();
        services.AddSingleton<WebhookService>();
        services.AddHostedService<ScheduledReleaseService>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.WriteIndented = false;
        });

        // The review page: cookie session + antiforgery. Their keys live in memory only: sessions end with the process.
        services.AddDataProtection().SetApplicationName("MultiMail.Sandbox");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new InMemoryXmlRepository());
        var sessions = new ReviewSessionStore(options.TimeProvider);
        services.AddSingleton(sessions);
        services.AddAuthentication(ReviewEndpoints.Scheme).AddCookie(ReviewEndpoints.Scheme, o => ReviewEndpoints.ConfigureCookie(o, sessions, options.TimeProvider));
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mm_review_antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var app = builder.Build();

        // Revoking a key (or taking its oversight scope) ends its review sessions at once.
        app.Services.GetRequiredService<ApiKeyService>().KeyChanged += sessions.EndSessionsOf;
        app.UseExceptionHandler(error => error.Run(context =>
            ApiResults.Error(StatusCodes.Status500InternalServerError, "Internal sandbox error.").ExecuteAsync(context)));
        app.UseStatusCodePages(context =>
        {
            // Bodiless errors from the framework (unknown route, wrong method, bad antiforgery token, …) get the API's error shape too.
            var response = context.HttpContext.Response;
            var message = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status405MethodNotAllowed => "Method not allowed",
                StatusCodes.Status400BadRequest => "Bad request (for review-page forms: the antiforgery token is missing or invalid; reload the page)",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                _ => "HTTP " + response.StatusCode,
            };
            return ApiResults.Error(response.StatusCode, message).ExecuteAsync(context.HttpContext);
        });
        var usage = app.Services.GetRequiredService<UsageService>();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1"))
            {
                usage.CountApiCall();   // GET /v1/usage's api_calls
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        PublicEndpoints.Map(app);
        MailboxEndpoints.Map(app);
        EmailEndpoints.Map(app);
        SendEndpoints.Map(app);
        OversightEndpoints.Map(app);
        ContactEndpoints.Map(app);
        AccountEndpoints.Map(app);
        AccountSettingsEndpoints.Map(app);
        SpamEndpoints.Map(app);
        SuppressionAndWebhookEndpoints.Map(app);
        SandboxEndpoints.Map(app);
        ReviewEndpoints.Map(app);
        return app;
    }
}
