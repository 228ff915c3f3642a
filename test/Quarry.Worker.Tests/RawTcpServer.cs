using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Quarry.Worker.Tests;

/// <summary>
/// A bare TCP listener on 127.0.0.1 that answers every connection with a fixed byte string (or nothing at all)
/// and then holds or closes it: the misbehaving peers Kestrel will not play (a stalled S3, a short body).
/// </summary>
public sealed class RawTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();

    private RawTcpServer(string? reply, bool close)
    {
        _listener.Start();
        _ = AcceptAsync(reply is null ? [] : Encoding.ASCII.GetBytes(reply), close);
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Connections { get; private set; }

    /// <summary>Accepts connections and never sends a byte.</summary>
    public static RawTcpServer Silent() => new(null, close: false);

    /// <summary>Sends <paramref name="reply"/> then holds the connection open without another byte.</summary>
    public static RawTcpServer ThenStall(string reply) => new(reply, close: false);

    /// <summary>Sends <paramref name="reply"/> then closes the connection.</summary>
    public static RawTcpServer ThenClose(string reply) => new(reply, close: true);

    private async Task AcceptAsync(byte[] reply, bool close)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Connections++;
                if (reply.Length > 0)
                {
                    await client.GetStream().WriteAsync(reply, _stop.Token);
                }
                if (close)
                {
                    client.Dispose();
                }
                else
                {
                    lock (_held)
                    {
                        _held.Add(client);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }
        _stop.Dispose();
    }
}
