using System.Net;
using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Engine;
using Zoho.Crm.Sandbox.Faults;
using Zoho.Crm.Sandbox.Inspection;

namespace Zoho.Crm.Sandbox.Hosting;

/// <summary>Builds the sandbox web app: Zoho paths go to the dispatcher, <c>/__sandbox</c> to the control API.</summary>
public static class SandboxApp
{
    public static WebApplication Build(SandboxOptions options)
    {
        var problems = SandboxSettingsValidator.Problems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid sandbox options: " + string.Join("; ", problems), nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(options.Host), options.Port));
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        var state = new SandboxState(options.ResolveOrg(), options.ToSettings(), new SandboxClock(TimeProvider.System));
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(ZohoRoutes.Build(state));
        builder.Services.AddSingleton<ConcurrencyGate>();
        builder.Services.AddSingleton<CallLog>();
        builder.Services.AddSingleton<ZohoApiDispatcher>();

        var app = builder.Build();
        var dispatcher = app.Services.GetRequiredService<ZohoApiDispatcher>();
        app.MapWhen(
            context => !context.Request.Path.StartsWithSegments(ControlEndpoints.Prefix, StringComparison.Ordinal),
            zoho => zoho.Run(dispatcher.HandleAsync));
        ControlEndpoints.Map(app);
        return app;
    }
}
