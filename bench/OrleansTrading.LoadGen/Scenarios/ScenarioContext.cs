using System.Globalization;
using OrleansTrading.LoadGen.Load;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Scenarios;

/// <summary>What every scenario needs: the options, the apps' build outputs, and the common set-up steps.</summary>
public sealed class ScenarioContext(LoadGenOptions options, string siloAssembly, string dashboardAssembly)
{
    public const decimal Price = 100m;
    public const decimal InitialBalance = 1_000_000m;

    public LoadGenOptions Options => options;

    public string DashboardAssembly => dashboardAssembly;

    public IReadOnlyList<string> Symbols { get; } = AccountPlan.Symbols(options.Symbols);

    public TimeSpan QuoteInterval => TimeSpan.FromMilliseconds(options.QuoteIntervalMs);

    /// <summary>A fresh silo: its defaults, the trading window off, the scenario's settings, then the command line's.</summary>
    public async Task<SiloUnderTest> StartSiloAsync(IReadOnlyDictionary<string, string> scenarioSettings)
    {
        var settings = new Dictionary<string, string>(scenarioSettings, StringComparer.Ordinal);
        foreach (var (key, value) in options.SiloSettings)
        {
            settings[key] = value;
        }

        Log($"starting a silo ({Describe(settings)}) ...");
        var silo = await SiloUnderTest.StartAsync(siloAssembly, settings, options.Keep);
        Log($"  {silo}");
        return silo;
    }

    /// <summary>Creates the accounts through the API, <paramref name="concurrency"/> at a time, with a line per second.</summary>
    public static async Task CreateAccountsAsync(TradingApiClient api, IReadOnlyList<string> accountIds, int concurrency = 32)
    {
        var done = 0;
        var started = DateTime.UtcNow;
        using var progress = new Timer(_ => Log($"  created {Volatile.Read(ref done)}/{accountIds.Count} accounts"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        await Parallel.ForEachAsync(accountIds, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (id, _) =>
        {
            await api.CreateAccountAsync(id, InitialBalance);
            Interlocked.Increment(ref done);
        });
        Log(string.Create(CultureInfo.InvariantCulture, $"  {accountIds.Count} accounts created in {(DateTime.UtcNow - started).TotalSeconds:F1} s"));
    }

    public static void Log(string line) => Console.Error.WriteLine(line);

    public static string Describe(IReadOnlyDictionary<string, string> settings) =>
        settings.Count == 0 ? "defaults, trading window off" : "defaults, trading window off, " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"));
}
