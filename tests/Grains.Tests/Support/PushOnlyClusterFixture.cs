using Orleans.TestingHost;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>
/// A cluster whose stop-loss timer checks only once a minute, so a stop that fires within a second of a crossing
/// quote can only have come from the quote pushed by the market-data grain.
/// </summary>
public sealed class PushOnlyClusterFixture : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public TestClock Clock { get; } = new(TestClock.InsideTradingWindow);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TradingDriver Trading => new(Cluster.Client, Clock);

    public async Task InitializeAsync() =>
        Cluster = await TradingCluster.StartAsync(_database.ConnectionString, Clock, new Dictionary<string, string?>
        {
            ["Trading:StopLoss:CheckInterval"] = "00:01:00",
        });

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _database.Dispose();
    }
}
