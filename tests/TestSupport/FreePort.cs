using System.Net;
using System.Net.Sockets;

namespace TestSupport;

/// <summary>Finds TCP ports on loopback that nothing is listening on, so test servers never depend on defaults.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
