using System.Net;
using Quarry.Worker.Fetching;

namespace Quarry.Worker.Tests.Fetching;

/// <summary>The SSRF guard's address classification, tested directly: nothing here connects anywhere.</summary>
public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    // IPv4-compatible (deprecated, still routed by some stacks)
    [InlineData("::127.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("::169.254.169.254")]
    // IPv4-translated (SIIT, ::ffff:0:a.b.c.d)
    [InlineData("::ffff:0:127.0.0.1")]
    // NAT64 well-known prefix and local-use prefix
    [InlineData("64:ff9b::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b::192.168.0.1")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("64:ff9b:1:ffff::8.8.8.8")]
    // 6to4 embeds the IPv4 in bits 16–47
    [InlineData("2002:7f00:1::")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2002:c0a8:0101::")]
    // Teredo: the client IPv4 is the inverted last 32 bits (~127.0.0.1 = 80ff:fffe); the server IPv4 follows the prefix
    [InlineData("2001:0:5ef5:79fd::80ff:fffe")]
    [InlineData("2001:0:5ef5:79fd::5601:5601")]
    [InlineData("2001:0:a00:1::5ef5:79fd")]
    public void Refused(string address) => Assert.False(AddressPolicy.IsPublic(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:0:5ef5:79fd::a1a0:a1a0")] // Teredo: client 94.95.94.95 behind server 94.245.121.253, both public
    public void Allowed(string address) => Assert.True(AddressPolicy.IsPublic(IPAddress.Parse(address)), address);
}
