using Orleans.Configuration;

namespace OrleansTrading.Grains;

/// <summary>
/// Membership timeouts for silos on one LAN. Orleans' defaults suit a cloud region where a slow network must not
/// get healthy silos evicted: a silo is declared dead after 3 missed probes of 5 s each (about 15 s), and clients
/// refresh their gateway list once a minute. Accounts on a dead silo cannot trade until it is declared dead (their
/// calls wait for the directory), and a stop-loss that cannot fire is money at risk, so here a silo is declared dead
/// after 2 missed probes of 2 s (about 4-6 s with the votes of two survivors). On a LAN a round trip is well under
/// a millisecond; a healthy silo missing two 2-second probes in a row is a stalled silo. Clients re-read the gateway list
/// every 5 s, so a new or restarted silo takes client traffic soon after it joins.
/// </summary>
public static class ClusterTimeouts
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public const int MissedProbesLimit = 2;
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(5);

    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = MissedProbesLimit;
        // Silos also read the table this often, so a death declared by others is noticed even without gossip.
        options.TableRefreshTimeout = TableRefresh;
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
    }
}
