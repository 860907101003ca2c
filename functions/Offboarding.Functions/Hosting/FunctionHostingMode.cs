namespace Offboarding.Functions.Hosting;

/// <summary>Who drives the functions: this process itself, or the Azure Functions host through the custom-handler protocol.</summary>
public enum FunctionHostingMode
{
    /// <summary>Kestrel serves HTTP, and hosted services poll the queue and fire the timers (local, tests, containers).</summary>
    Standalone,

    /// <summary>The Functions host owns every trigger and POSTs invocations to <c>127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT</c>.</summary>
    CustomHandler,
}
