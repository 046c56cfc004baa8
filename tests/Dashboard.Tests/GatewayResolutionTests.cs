using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansTrading.Dashboard.Hosting;

namespace OrleansTrading.Dashboard.Tests;

/// <summary>Orleans:Gateways: parsing at start, and host names resolved on every refresh (a recreated silo container has a new address).</summary>
public sealed class GatewayResolutionTests
{
    private static ResolvingGatewayListProvider Provider(string gateways, Func<string, IPAddress[]> dns) =>
        new(GatewayList.Parse(gateways), (host, _) => Task.FromResult(dns(host)), TimeSpan.FromSeconds(10), NullLogger<ResolvingGatewayListProvider>.Instance);

    private static async Task<List<string>> GatewaysAsync(ResolvingGatewayListProvider provider) =>
        (await provider.GetGateways()).Select(uri => uri.ToString()).ToList();

    [Fact]
    public void Entries_keep_host_names_unresolved()
    {
        Assert.Equal([new GatewayEntry("silo", 30000), new GatewayEntry("10.0.0.5", 30001), new GatewayEntry("::1", 30002)],
            GatewayList.Parse(" silo:30000 , 10.0.0.5:30001,[::1]:30002"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("silo")]
    [InlineData("silo:0")]
    [InlineData("silo:65536")]
    [InlineData("silo:+1")]
    [InlineData(":30000")]
    [InlineData("my silo:30000")]
    public void A_malformed_entry_fails_the_start_naming_the_setting(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => GatewayList.Parse(value));

        Assert.StartsWith("Orleans:Gateways", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_name_is_resolved_again_on_every_refresh()
    {
        var current = "172.18.0.3";
        var provider = Provider("silo:30000", host => host == "silo" ? [IPAddress.Parse(current)] : []);

        Assert.Equal(["gwy.tcp://172.18.0.3:30000/0"], await GatewaysAsync(provider));

        current = "172.18.0.7"; // the silo container was recreated
        Assert.Equal(["gwy.tcp://172.18.0.7:30000/0"], await GatewaysAsync(provider));
    }

    [Fact]
    public async Task An_ipv4_address_is_preferred_for_a_name()
    {
        var provider = Provider("localhost:30000", _ => [IPAddress.IPv6Loopback, IPAddress.Loopback]);

        Assert.Equal(["gwy.tcp://127.0.0.1:30000/0"], await GatewaysAsync(provider));
    }

    [Fact]
    public async Task An_ip_literal_needs_no_lookup()
    {
        var provider = Provider("10.0.0.5:30000", _ => throw new InvalidOperationException("no lookup expected"));

        Assert.Equal(["gwy.tcp://10.0.0.5:30000/0"], await GatewaysAsync(provider));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_yet_is_left_out_until_it_does()
    {
        var running = false;
        var provider = Provider("silo:30000,backup:30000", host => host switch
        {
            "backup" => [IPAddress.Parse("172.18.0.9")],
            _ when running => [IPAddress.Parse("172.18.0.3")],
            _ => throw new SocketException((int)SocketError.HostNotFound),
        });

        Assert.Equal(["gwy.tcp://172.18.0.9:30000/0"], await GatewaysAsync(provider));

        running = true;
        Assert.Equal(["gwy.tcp://172.18.0.3:30000/0", "gwy.tcp://172.18.0.9:30000/0"], await GatewaysAsync(provider));
    }

    [Fact]
    public async Task No_resolvable_gateway_gives_an_empty_list_so_orleans_retries()
    {
        var provider = Provider("silo:30000", _ => throw new SocketException((int)SocketError.HostNotFound));

        Assert.Empty(await GatewaysAsync(provider));
    }
}
