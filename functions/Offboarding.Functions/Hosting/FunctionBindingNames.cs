namespace Offboarding.Functions.Hosting;

/// <summary>
/// The binding names every function.json uses, so the custom handler knows where the host puts each trigger's data
/// (<c>Data.&lt;name&gt;</c>) and where it expects the HTTP result (<c>Outputs.&lt;name&gt;</c>). A test reads the
/// function.json files and checks they use these names.
/// </summary>
public static class FunctionBindingNames
{
    public const string HttpRequest = "req";
    public const string HttpResponse = "res";
    public const string QueueMessage = "message";
    public const string Timer = "timer";
}
