namespace Offboarding.Functions.Http;

/// <summary>
/// The largest body the driver buffers for a function. Functions apply their own, smaller limits (the intake's is
/// 64 KiB); this one only keeps a hostile sender from making the process buffer megabytes before a function sees it.
/// </summary>
internal static class RequestBodyLimit
{
    public const int Bytes = 1024 * 1024;
}
