using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using HarvestOrleans.Invocations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using HarvestOrleans.Resilience;
using Polly;
using Polly.Retry;

namespace HarvestOrleans.Http;

/// <summary>The HTTP trigger on a silo's web host.</summary>
public static partial class HttpTriggerHostingExtensions
{
    /// <summary>
    /// Adds the HTTP trigger to a silo's web host: API-key authentication (every route), admin authorization, the
    /// invocation concurrency limit (429 beyond it) and the cluster history behind the page. Options bind from
    /// <c>Harvest:Http</c>.
    /// </summary>
    public static IHostApplicationBuilder AddHarvestHttpTrigger(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HttpTriggerOptions>().BindConfiguration(HttpTriggerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpTriggerOptions>, HttpTriggerOptionsValidator>();
        services.AddSingleton<GeneratedApiKey>();
        services.AddSingleton<ApiKeyRing>();
        services.AddSingleton<ClusterHistory>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterHistory>());

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(FunctionNamespaces.AdminPolicy, p => p.RequireAuthenticatedUser().RequireClaim(FunctionNamespaces.AdminClaim));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new HttpError(InvocationErrorTypes.QueueFull, "This trigger is running and queueing as many invocations as it may; retry shortly."),
                    HttpTriggerJson.Default.HttpError,
                    cancellationToken: cancellationToken);
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<HttpTriggerOptions>>((o, trigger) =>
            o.AddConcurrencyLimiter(HttpTriggerEndpoints.InvocationLimiter, c =>
            {
                c.PermitLimit = trigger.Value.MaxConcurrentInvocations;
                c.QueueLimit = trigger.Value.MaxQueuedInvocations;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            }));

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    /// <summary>Maps the trigger's API, its page at <c>/ui</c>, the Orleans Dashboard at <c>/dashboard</c> and metrics at <c>/metrics</c>, all behind API keys.</summary>
    public static WebApplication MapHarvestHttpTrigger(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        HttpTriggerEndpoints.Map(app);
        app.MapGet("/", () => Results.Redirect("/ui")).RequireAuthorization(FunctionNamespaces.AdminPolicy);
        app.MapGet("/ui", ClusterPage.Serve).RequireAuthorization(FunctionNamespaces.AdminPolicy);
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(FunctionNamespaces.AdminPolicy);
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(FunctionNamespaces.AdminPolicy);

        var trigger = app.Services.GetRequiredService<IOptions<HttpTriggerOptions>>().Value;
        if (trigger.ApiKeys.Count == 0)
        {
            LogGeneratedKey(app.Logger, app.Services.GetRequiredService<GeneratedApiKey>().Key.Key);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys configured (Harvest:Http:ApiKeys): this run's admin key is {Key}")]
    private static partial void LogGeneratedKey(ILogger logger, string key);
}
