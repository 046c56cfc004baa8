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
    public const string WithoutPage = "dashboard-nopage";

    /// <summary>Adds each run to <paramref name="runs"/> as it finishes, so a failing run keeps the earlier ones.</summary>
    public static async Task RunAsync(ScenarioContext context, List<ClosedLoopResult> runs)
    {
        for (var pair = 1; pair <= context.Options.DashboardPairs; pair++)
        {
            runs.Add(await ClosedLoopScenario.RunAsync(context, Without, pair, "Normal", grainClient: false));
            await using (var dashboard = new DashboardAttachment(context, openPage: true))
            {
                runs.Add(await ClosedLoopScenario.RunAsync(context, With, pair, "Normal", grainClient: false, dashboard));
            }

            if (context.Options.DashboardWithoutPage)
            {
                await using var process = new DashboardAttachment(context, openPage: false);
                runs.Add(await ClosedLoopScenario.RunAsync(context, WithoutPage, pair, "Normal", grainClient: false, process));
            }
        }
    }

    /// <summary>Mean accepted signals/s of <paramref name="variant"/> (the page open, by default) ÷ without the dashboard; null until both have a run.</summary>
    public static double? ThroughputRatio(IReadOnlyList<ClosedLoopResult> runs, string variant = With)
    {
        var without = runs.Where(r => r.Scenario == Without).Select(r => r.Load.AcceptedPerSecond).ToList();
        var with = runs.Where(r => r.Scenario == variant).Select(r => r.Load.AcceptedPerSecond).ToList();
        return without.Count == 0 || with.Count == 0 || without.Average() == 0 ? null : with.Average() / without.Average();
    }
}
