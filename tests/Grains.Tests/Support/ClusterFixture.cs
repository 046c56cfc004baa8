using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Venue;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>One SQLite-backed cluster shared by the engine tests; each test uses its own account ids and symbols.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The paper venue fills this symbol 20 bps beyond the quote: twice the default slippage allowance.</summary>
    public const string SlippingSymbol = "SLIP";

    private readonly TempDatabase _database = new();

    public TestClock Clock { get; } = new(TestClock.InsideTradingWindow);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TradingDriver Trading => new(Cluster.Client, Clock);

    public string DatabasePath => _database.FilePath;

    /// <summary>The paper venue's live fault switches (in-process silo): tests set them and reset in finally.</summary>
    public VenueFaults Faults => Cluster.GetSiloServiceProvider().GetRequiredService<VenueFaults>();

    public ITradeJournal Journal => Cluster.GetSiloServiceProvider().GetRequiredService<ITradeJournal>();

    /// <summary>Loses chosen quote pushes (nothing is lost unless a test asks).</summary>
    public QuotePushDropper QuotePushes => Cluster.GetSiloServiceProvider().GetRequiredService<QuotePushDropper>();

    public async Task InitializeAsync() =>
        Cluster = await TradingCluster.StartAsync(_database.ConnectionString, Clock, new Dictionary<string, string?>
        {
            [$"Trading:Venue:SymbolSlippageBps:{SlippingSymbol}"] = "20",
        }, QuotePushDropper.AddTo);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _database.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "SQLite cluster";
}
