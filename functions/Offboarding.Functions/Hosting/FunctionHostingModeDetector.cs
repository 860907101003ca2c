using Microsoft.Extensions.Configuration;

namespace Offboarding.Functions.Hosting;

/// <summary>Detects the mode from the variable the Functions host sets when it starts a custom handler.</summary>
public static class FunctionHostingModeDetector
{
    public const string CustomHandlerPortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static FunctionHostingMode Detect(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[CustomHandlerPortSetting])
            ? FunctionHostingMode.Standalone
            : FunctionHostingMode.CustomHandler;

    /// <summary>The port the host told the handler to listen on; a bad value is a deployment error worth failing fast on.</summary>
    public static int CustomHandlerPort(IConfiguration configuration)
    {
        var value = configuration[CustomHandlerPortSetting];
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{CustomHandlerPortSetting} must be a TCP port number (1-65535), got '{value}'.");
        }

        return port;
    }
}
