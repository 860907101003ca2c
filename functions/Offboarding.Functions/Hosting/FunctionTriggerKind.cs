namespace Offboarding.Functions.Hosting;

public enum FunctionTriggerKind
{
    Http,
    Queue,
    Timer,
}
