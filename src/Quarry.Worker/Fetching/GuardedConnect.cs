using System.Net;
using System.Net.Sockets;
using Quarry.Worker.Resilience;

namespace Quarry.Worker.Fetching;

/// <summary>
/// HTTP handlers for URLs a caller chose (<c>file_url</c>, <c>webhook</c>): the <see cref="AddressPolicy"/> is
/// applied where the socket connects, so DNS rebinding cannot slip a private address past the guard.
/// </summary>
public static class GuardedConnect
{
    /// <summary>
    /// A socket handler bounded like <see cref="Outbound.Handler"/> that connects only to public addresses,
    /// unless <paramref name="allowLocal"/>. Redirects are not followed: each hop must be judged by the caller.
    /// </summary>
    public static SocketsHttpHandler Handler(TimeSpan upstream, bool allowLocal)
    {
        var handler = Outbound.Handler(upstream);
        handler.AllowAutoRedirect = false;
        handler.ConnectCallback = (context, ct) => ConnectAsync(context, allowLocal, ct);
        return handler;
    }

    /// <summary>Whether a URL's host, when it is an address literal, is one the policy refuses (a host name is judged at connect).</summary>
    public static bool IsBlockedLiteral(Uri url, bool allowLocal) =>
        !allowLocal && IPAddress.TryParse(url.IdnHost, out var address) && !AddressPolicy.IsPublic(address);

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLocal, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var allowed = allowLocal ? addresses : addresses.Where(AddressPolicy.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new BlockedAddressException($"{context.DnsEndPoint.Host} resolves only to loopback, private, link-local or metadata addresses, which this worker does not reach (set QUARRY_ALLOW_LOCAL_FETCH=1 to allow)");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The connect was refused by the <see cref="AddressPolicy"/>; surfaces as an <see cref="HttpRequestException"/>'s inner exception.</summary>
public sealed class BlockedAddressException(string message) : IOException(message);
