using HarvestOrleans.Entities;
using HarvestOrleans.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HarvestOrleans.Resilience;
using Orleans.Runtime;
using Polly;
using Polly.Retry;

namespace HarvestOrleans.Client;

/// <summary>Adds the HarvestOrleans client to an Orleans client or any container with a grain factory.</summary>
public static class HarvestClientExtensions
{
    /// <summary>Adds <see cref="HarvestClient"/> and <see cref="HarvestOperator"/> to an Orleans client.</summary>
    public static IClientBuilder UseHarvestClient(this IClientBuilder client, Action<HarvestClientOptions>? configure = null)
    {
        client.Services.AddHarvestClient(configure);
        return client;
    }

    /// <summary>
    /// Adds <see cref="HarvestClient"/> and <see cref="HarvestOperator"/> to any container with an
    /// <see cref="IGrainFactory"/>: an Orleans client, or a silo that invokes functions itself.
    /// </summary>
    public static IServiceCollection AddHarvestClient(this IServiceCollection services, Action<HarvestClientOptions>? configure = null)
    {
        services.AddOptions<HarvestClientOptions>().BindConfiguration(HarvestClientOptions.SectionName);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HarvestClientOptions>, HarvestClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHarvestPolicies(); // callers pick with the lease's policy, looked up by name
        services.TryAddSingleton<HarvestClient>();
        services.TryAddSingleton<HarvestOperator>();
        AddClientPipelines(services);
        return services;
    }

    /// <summary>The client's named pipelines (see <see cref="HarvestPipelines"/>); added once per container.</summary>
    private static void AddClientPipelines(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ClientPipelinesMarker)))
        {
            return;
        }

        services.AddSingleton<ClientPipelinesMarker>();
        services.AddResiliencePipeline<string, HarvestClient.AttemptOutcome>(HarvestPipelines.ClientRouting, (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<HarvestClientOptions>>().Value;
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>(); // tests drive the client's clock
            builder.AddRetry(new RetryStrategyOptions<HarvestClient.AttemptOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Retry: true }),
                // Each invocation enforces its own two budgets (and a caller's cap); this is their sum, a backstop.
                MaxRetryAttempts = options.MaxRoutingAttempts + options.MaxExecutionAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
            });
        });
        services.AddResiliencePipeline(HarvestPipelines.AsyncAccept, pipeline => pipeline.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
            MaxRetryAttempts = HarvestPipelines.AcceptRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = HarvestPipelines.AcceptRetryDelay,
            MaxDelay = HarvestPipelines.AcceptMaxRetryDelay,
            UseJitter = true,
        }));

        services.AddResiliencePipeline(HarvestPipelines.EntityCalls, pipeline => pipeline.AddRetry(new RetryStrategyOptions
        {
            // Safe to repeat whatever the function: the entity remembers what it applied, by invocation id.
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException && EntityInvocation.Unplaceable(ex) is null),
            MaxRetryAttempts = HarvestPipelines.EntityRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = HarvestPipelines.EntityRetryDelay,
            MaxDelay = HarvestPipelines.EntityMaxRetryDelay,
            UseJitter = true,
        }));

        services.AddResiliencePipeline(HarvestPipelines.OperatorCalls, builder => builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<OrleansMessageRejectionException>().Handle<SiloUnavailableException>()
                .Handle<Orleans.Runtime.Messaging.ConnectionFailedException>()
                .Handle<TimeoutException>(), // a request that went to a gateway as it died gets no answer
            MaxRetryAttempts = HarvestPipelines.OperatorRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = HarvestPipelines.OperatorRetryDelay,
            MaxDelay = HarvestPipelines.OperatorMaxRetryDelay,
            UseJitter = true,
        }));
    }

    private sealed class ClientPipelinesMarker;
}
