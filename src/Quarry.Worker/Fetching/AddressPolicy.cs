using System.Net;
using System.Net.Sockets;

namespace Quarry.Worker.Fetching;

/// <summary>
/// Server-side request forgery guard: which addresses a <c>file_url</c> may reach. Loopback, private,
/// link-local (cloud metadata lives at 169.254.169.254), CGNAT, multicast and unspecified addresses are
/// refused unless the operator allows local fetches. IPv6 forms that carry an IPv4 address (mapped,
/// compatible, translated, NAT64, 6to4, Teredo) are judged by the IPv4 address they carry, since a
/// gateway on the path may deliver them there.
/// </summary>
public static class AddressPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(address.GetAddressBytes());
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        var b = address.GetAddressBytes();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (b[0] & 0xFE) == 0xFC // unique local fc00::/7 (fd00:ec2::254 is AWS's metadata address)
            || IsLocalUseNat64(b))
        {
            return false;
        }
        return EmbeddedV4(b) is not { } embedded || embedded.All(IsPublicV4);
    }

    private static bool IsPublicV4(byte[] b) => !(b[0] == 127
        || b[0] == 10
        || b[0] == 0
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 169 && b[1] == 254)
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
        || b[0] >= 224); // multicast, reserved and broadcast

    /// <summary>The IPv4 addresses an IPv6 address carries, or null when it carries none.</summary>
    private static byte[][]? EmbeddedV4(byte[] b)
    {
        byte[] At(int offset, bool inverted = false) => [.. b.Skip(offset).Take(4).Select(x => inverted ? (byte)~x : x)];
        bool Zero(int from, int to) => b[from..to].All(x => x == 0);

        if (Zero(0, 10) && b[10] == 0xFF && b[11] == 0xFF)
        {
            return [At(12)]; // IPv4-mapped ::ffff:a.b.c.d
        }
        if (Zero(0, 12))
        {
            return [At(12)]; // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks)
        }
        if (Zero(0, 8) && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            return [At(12)]; // IPv4-translated ::ffff:0:a.b.c.d (SIIT)
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && Zero(4, 12))
        {
            return [At(12)]; // NAT64 well-known prefix 64:ff9b::/96
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return [At(2)]; // 6to4 2002:aabb:ccdd::/48
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            return [At(4), At(12, inverted: true)]; // Teredo 2001::/32: server IPv4, then the client IPv4 with its bits inverted
        }
        return null;
    }

    /// <summary>64:ff9b:1::/48 (RFC 8215) is for a network's own translators: never a public destination.</summary>
    private static bool IsLocalUseNat64(byte[] b) => b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0x00 && b[5] == 0x01;
}
