using Orleans.TestingHost;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>
/// A cluster with small portfolio limits, so a few 10-share entries at 100 fill them: 10,000 per symbol, 15,000 in total
/// (an entry reserves 10 × 100.05 × 1.001 = 1,001.5; once filled it holds 1,000.5).
/// </summary>
public sealed class ExposureClusterFixture : IAsyncLifetime
{
    public const decimal MaxPerSymbol = 10_000m;
    public const decimal MaxGross = 15_000m;

    private readonly TempDatabase _database = new();

    public TestClock Clock { get; } = new(TestClock.InsideTradingWindow);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TradingDriver Trading => new(Cluster.Client, Clock);

    public static Dictionary<string, string?> Settings => new()
    {
        ["Trading:Limits:Portfolio:MaxExposurePerSymbol"] = "10000",
        ["Trading:Limits:Portfolio:MaxGrossExposure"] = "15000",
    };

    public async Task InitializeAsync() => Cluster = await TradingCluster.StartAsync(_database.ConnectionString, Clock, Settings);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _database.Dispose();
    }
}
