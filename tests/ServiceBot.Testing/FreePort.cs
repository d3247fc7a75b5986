using System.Net;
using System.Net.Sockets;

namespace ServiceBot.Testing;

/// <summary>Finds a free TCP port on the loopback interface for a server a test starts.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
