using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Hosting.CustomHandler;
using Offboarding.Functions.Hosting.Http;

namespace Offboarding.Functions.Hosting;

/// <summary>
/// Composes the drivers around the functions registered in DI. The functions never learn which mode runs them:
/// standalone (Kestrel + queue listener + timer) or custom handler (the Functions host drives every trigger).
/// </summary>
public static class FunctionHostingExtensions
{
    /// <summary>Reads host.json, picks the mode from the environment, and registers that mode's drivers.</summary>
    public static WebApplicationBuilder AddFunctionHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Lowest priority first: host.json ends up below local.settings.json, which is below everything else.
        builder.Configuration.AddLocalSettings(Path.Combine(Directory.GetCurrentDirectory(), LocalSettingsConfiguration.FileName));
        builder.Configuration.AddHostJson(HostJsonConfiguration.Locate(builder.Configuration));
        builder.Services.AddSingleton(provider => new FunctionCatalog(provider));

        if (FunctionHostingModeDetector.Detect(builder.Configuration) == FunctionHostingMode.CustomHandler)
        {
            // The host always calls 127.0.0.1 on the port it chose, never localhost or ::1.
            var port = FunctionHostingModeDetector.CustomHandlerPort(builder.Configuration);
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.AddProvider(new InvocationLogCaptureProvider());
            builder.Services.AddSingleton<CustomHandlerInvoker>();
        }
        else
        {
            builder.Services.AddStandaloneTriggers(builder.Configuration);
        }

        return builder;
    }

    /// <summary>Maps readiness, the HTTP functions, and in custom-handler mode the host's invocation endpoint.</summary>
    public static WebApplication MapFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var mode = FunctionHostingModeDetector.Detect(app.Configuration);

        // The host polls GET / until anything answers; standalone answers the same, handy for container probes.
        app.MapGet("/", () => Results.Json(new { status = "ready", mode = mode.ToString() }));
        app.MapHttpFunctions(app.Services.GetRequiredService<FunctionCatalog>(), HostJsonConfiguration.RoutePrefix(app.Configuration));
        if (mode == FunctionHostingMode.CustomHandler)
        {
            app.MapCustomHandler();
        }

        return app;
    }
}
