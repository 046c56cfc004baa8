using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Exposure;
using OrleansTrading.Grains.Tests.Support;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>References built from the types resolved once are the very references Orleans builds, and they work.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public void A_string_keyed_reference_has_the_id_and_interface_orleans_gives_it()
    {
        var grains = fixture.Cluster.Client;

        var cached = (GrainReference)grains.Get<IVirtualAccountGrain>("refs-a");
        var orleans = (GrainReference)grains.GetGrain<IVirtualAccountGrain>("refs-a");

        Assert.Equal(orleans.GrainId, cached.GrainId);
        Assert.Equal(orleans.InterfaceType, cached.InterfaceType);
        Assert.NotEqual(orleans.GrainId, ((GrainReference)grains.Get<IVirtualAccountGrain>("refs-b")).GrainId);
    }

    [Fact]
    public void An_integer_keyed_reference_has_the_id_and_interface_orleans_gives_it()
    {
        var grains = fixture.Cluster.Client;

        var cached = (GrainReference)grains.Get<IGrossExposureGrain>(7);
        var orleans = (GrainReference)grains.GetGrain<IGrossExposureGrain>(7);

        Assert.Equal(orleans.GrainId, cached.GrainId);
        Assert.Equal(orleans.InterfaceType, cached.InterfaceType);
    }

    [Fact]
    public async Task Two_interfaces_of_one_grain_each_keep_their_own_interface()
    {
        var grains = fixture.Cluster.Client;

        var account = (GrainReference)grains.Get<IVirtualAccountGrain>("refs-c");
        var feed = (GrainReference)grains.Get<Accounts.IAccountFeedGrain>("refs-c");

        Assert.Equal(account.GrainId, feed.GrainId);
        Assert.NotEqual(account.InterfaceType, feed.InterfaceType);
        Assert.Null(await grains.Get<IVirtualAccountGrain>("refs-c").GetSnapshotAsync()); // calls reach the grain
    }
}
