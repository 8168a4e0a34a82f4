using HarvestOrleans.Grains.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HarvestOrleans.Http;

/// <summary>Telemetry of a Harvest silo.</summary>
public static class HarvestTelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry for a silo: the HarvestOrleans and Orleans meters, scraped at <c>/metrics</c> (Prometheus text),
    /// and — when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set — metrics and Orleans' grain-call traces sent over OTLP.
    /// </summary>
    public static IHostApplicationBuilder AddHarvestTelemetry(this IHostApplicationBuilder builder, string serviceInstanceId)
    {
        var otlp = ExportsTraces(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("harvest-orleans-silo", serviceInstanceId: serviceInstanceId))
            .WithMetrics(metrics =>
            {
                // "Polly": the executions and retries of every named pipeline (HarvestPipelines).
                metrics.AddMeter(HarvestMetrics.MeterName, "Microsoft.Orleans", "Polly").AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Whether the silo sends metrics and traces over OTLP (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).</summary>
    public static bool ExportsTraces(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
}
