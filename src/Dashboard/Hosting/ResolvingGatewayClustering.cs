using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace OrleansTrading.Dashboard.Hosting;

/// <summary>Registers <see cref="ResolvingGatewayListProvider"/> as the Orleans client's clustering, in place of static clustering.</summary>
public static class ResolvingGatewayClustering
{
    public static IClientBuilder UseResolvingGateways(this IClientBuilder client, IReadOnlyList<GatewayEntry> gateways) =>
        client.ConfigureServices(services => services.AddSingleton<IGatewayListProvider>(provider => new ResolvingGatewayListProvider(
            gateways,
            Dns.GetHostAddressesAsync,
            provider.GetRequiredService<IOptions<GatewayOptions>>().Value.GatewayListRefreshPeriod,
            provider.GetRequiredService<ILogger<ResolvingGatewayListProvider>>())));
}
