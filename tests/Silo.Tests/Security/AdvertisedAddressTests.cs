using System.Net;
using System.Net.Sockets;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Silo.Hosting;

namespace OrleansTrading.Silo.Tests.Security;

/// <summary>What the silo advertises for Orleans:AdvertisedHost, with a stand-in for DNS (as Docker's resolver answers a service name).</summary>
public sealed class AdvertisedAddressTests
{
    private static Func<string, IPAddress[]> Dns(params string[] addresses) => _ => addresses.Select(IPAddress.Parse).ToArray();

    [Fact]
    public void No_host_advertises_nothing()
    {
        Assert.Null(AdvertisedAddress.Resolve(null, listensBeyondLoopback: true, Dns("10.0.0.1")));
        Assert.Null(AdvertisedAddress.Resolve("  ", listensBeyondLoopback: true, Dns("10.0.0.1")));
    }

    [Fact]
    public void A_service_name_resolves_to_its_container_ipv4_address()
    {
        Assert.Equal(IPAddress.Parse("172.18.0.3"), AdvertisedAddress.Resolve("silo", listensBeyondLoopback: true, Dns("fd00::3", "172.18.0.3")));
    }

    [Fact]
    public void A_name_with_loopback_and_real_addresses_advertises_the_real_one()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), AdvertisedAddress.Resolve("host-a", listensBeyondLoopback: true, Dns("127.0.1.1", "10.1.2.3")));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public void Loopback_is_refused_when_the_silo_listens_on_every_address(string host)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => AdvertisedAddress.Resolve(host, listensBeyondLoopback: true, Dns("127.0.0.1", "::1")));

        Assert.Contains($"Orleans:AdvertisedHost '{host}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Orleans:ListenOnAnyAddress=true", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void A_name_that_maps_to_127_0_1_1_is_loopback_too()
    {
        Assert.Throws<StartupRefusedException>(() => AdvertisedAddress.Resolve("my-host", listensBeyondLoopback: true, Dns("127.0.1.1")));
    }

    [Fact]
    public void Loopback_is_fine_for_a_silo_that_listens_on_loopback_only()
    {
        Assert.Equal(IPAddress.Loopback, AdvertisedAddress.Resolve("localhost", listensBeyondLoopback: false, Dns("::1", "127.0.0.1")));
    }

    [Fact]
    public void A_name_without_an_ipv4_address_is_refused()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => AdvertisedAddress.Resolve("v6-only", listensBeyondLoopback: false, Dns("fd00::7")));

        Assert.Contains("Orleans:AdvertisedHost 'v6-only' has no IPv4 address", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_does_not_resolve_is_refused_naming_the_setting()
    {
        var refused = Assert.Throws<StartupRefusedException>(() =>
            AdvertisedAddress.Resolve("nowhere", listensBeyondLoopback: true, _ => throw new SocketException((int)SocketError.HostNotFound)));

        Assert.Contains("Orleans:AdvertisedHost 'nowhere' cannot be resolved", refused.Message, StringComparison.Ordinal);
    }
}
