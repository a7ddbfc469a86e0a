using DreamX.Infrastructure.Observability;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DreamX.Web.Hosting;

/// <summary>
/// OpenTelemetry metrics and traces (ASP.NET Core, HttpClient, Npgsql, .NET runtime, the studio's own meter),
/// scraped by Prometheus at <c>/metrics</c> and sent over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// <c>/metrics</c> is for admins, or for anyone on <c>Observability:MetricsPort</c> (a port kept off the
/// public proxy, for the scraper).
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddStudioTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dreamx-studio", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(StudioMetrics.MeterName, "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    // Live pages' lag behind events: fine steps around the second that matters, up to two minutes.
                    .AddView(Live.LiveMetrics.DelayName, new ExplicitBucketHistogramConfiguration
                    {
                        Boundaries = [10, 25, 50, 100, 250, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000, 30_000, 60_000, 120_000],
                    })
                    .AddView(Live.LiveMetrics.ReadName, new ExplicitBucketHistogramConfiguration
                    {
                        Boundaries = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000],
                    })
                    .AddPrometheusExporter();
                if (otlp)
                    metrics.AddOtlpExporter();
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter());
        }
        builder.Services.AddScoped<CircuitHandler, CircuitMeter>();
        return builder;
    }

    public static WebApplication MapStudioMetrics(this WebApplication app)
    {
        var port = app.Configuration.GetValue<int?>("Observability:MetricsPort");
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (port is > 0)
            endpoint.RequireHost($"*:{port}");
        else
            endpoint.RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>Counts open circuits for <c>dreamx.circuits.active</c>.</summary>
    private sealed class CircuitMeter(StudioMetrics metrics) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            metrics.CircuitOpened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            metrics.CircuitClosed();
            return Task.CompletedTask;
        }
    }
}
