namespace OrleansTrading.LoadGen.Scenarios;

/// <summary>
/// Issue 12's measurement: the same closed-loop load (accounts over HTTP at NORMAL with the quote stream) without (A)
/// and with (B) the dashboard process and a page open in Chromium, interleaved A, B, A, B so drift on a shared
/// machine falls on both sides.
/// </summary>
public static class DashboardScenario
{
    public const string Without = "dashboard-off";
    public const string With = "dashboard-on";

    /// <summary>Adds each run to <paramref name="runs"/> as it finishes, so a failing run keeps the earlier ones.</summary>
    public static async Task RunAsync(ScenarioContext context, List<ClosedLoopResult> runs)
    {
        for (var pair = 1; pair <= context.Options.DashboardPairs; pair++)
        {
            runs.Add(await ClosedLoopScenario.RunAsync(context, Without, pair, "Normal", grainClient: false));
            await using var dashboard = new DashboardAttachment(context);
            runs.Add(await ClosedLoopScenario.RunAsync(context, With, pair, "Normal", grainClient: false, dashboard));
        }
    }

    /// <summary>Mean accepted signals/s with the page open ÷ without; null until both sides have a run.</summary>
    public static double? ThroughputRatio(IReadOnlyList<ClosedLoopResult> runs)
    {
        var without = runs.Where(r => r.Scenario == Without).Select(r => r.Load.AcceptedPerSecond).ToList();
        var with = runs.Where(r => r.Scenario == With).Select(r => r.Load.AcceptedPerSecond).ToList();
        return without.Count == 0 || with.Count == 0 || without.Average() == 0 ? null : with.Average() / without.Average();
    }
}
