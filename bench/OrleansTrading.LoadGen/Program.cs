using OrleansTrading.LoadGen;
using OrleansTrading.LoadGen.Processes;
using OrleansTrading.LoadGen.Reporting;
using OrleansTrading.LoadGen.Scenarios;

var options = LoadGenOptions.Parse(args, out var errors);
if (options is null)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine($"orleans-trading loadgen: {error}");
    }

    Console.Error.WriteLine();
    Console.Error.WriteLine(LoadGenOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(LoadGenOptions.Usage);
    return 0;
}

var configuration = options.Configuration.Length > 0 ? options.Configuration : RepoPaths.OwnConfiguration;
string siloAssembly, dashboardAssembly;
try
{
    siloAssembly = RepoPaths.AppAssembly("Silo", "OrleansTrading.Silo.dll", configuration);
    dashboardAssembly = options.Runs("dashboard") ? RepoPaths.AppAssembly("Dashboard", "OrleansTrading.Dashboard.dll", configuration) : "";
}
catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
{
    Console.Error.WriteLine($"orleans-trading loadgen: {ex.Message}");
    return 2;
}

if (!configuration.Equals("Release", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"warning: measuring a {configuration} build of the silo; figures for the record come from Release (dotnet run -c Release).");
}

if (options.Runs("dashboard") && !File.Exists(DashboardAttachment.ChromiumPath))
{
    Console.Error.WriteLine($"orleans-trading loadgen: the dashboard scenario needs Chromium at {DashboardAttachment.ChromiumPath} (apt-get install -y chromium), or leave it out of --scenarios.");
    return 2;
}

var report = new RunReport
{
    Machine = MachineFacts.Collect(siloAssembly),
    CommandLine = "dotnet run -c " + configuration + " --project bench/OrleansTrading.LoadGen" + (args.Length > 0 ? " -- " + string.Join(' ', args) : ""),
    Options = options,
    StartedAt = DateTimeOffset.UtcNow,
    LoadAverageAtStart = ProcStat.LoadAverage(),
};
var context = new ScenarioContext(options, siloAssembly, dashboardAssembly);
Console.Error.WriteLine($"scenarios: {string.Join(", ", options.Scenarios)}; silo {siloAssembly}; load average {report.LoadAverageAtStart}");

async Task Attempt(string name, Func<Task> run)
{
    try
    {
        await run();
    }
    catch (Exception ex)
    {
        // One scenario that cannot run (a silo that does not start, a browser that fails) is reported, and the rest still run.
        Console.Error.WriteLine($"{name} failed: {ex}");
        report.Failures.Add($"{name}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
    }
}

try
{
    // Repetitions are interleaved (every scenario once, then again) so drift on a shared machine spreads over all of them.
    for (var run = 1; run <= options.Repeat; run++)
    {
        var r = run;
        if (options.Runs("baselines"))
        {
            await Attempt($"baselines run {r}", async () => report.Baselines.Add(await BaselineScenario.RunAsync(context, r)));
        }

        foreach (var (scenario, level, grain) in new[] { ("closed-normal", "Normal", false), ("closed-full", "Full", false), ("closed-grain", "Normal", true) })
        {
            if (options.Runs(scenario))
            {
                await Attempt($"{scenario} run {r}", async () => report.ClosedLoop.Add(await ClosedLoopScenario.RunAsync(context, scenario, r, level, grain)));
            }
        }

        if (options.Runs("open"))
        {
            await Attempt($"open run {r}", async () => report.OpenLoop.Add(await OpenLoopScenario.RunAsync(context, r)));
        }
    }

    if (options.Runs("dashboard"))
    {
        await Attempt("dashboard", () => DashboardScenario.RunAsync(context, report.Dashboard));
    }

    if (options.Runs("cluster"))
    {
        // 1, 2, 3 silos, each count repeated; every run on a fresh PostgreSQL server.
        for (var run = 1; run <= options.Repeat; run++)
        {
            foreach (var silos in new[] { 1, 2, 3 })
            {
                await Attempt($"cluster {silos} silo(s) run {run}", async () => report.Cluster.Add(await ClusterScenario.RunAsync(context, silos)));
            }
        }
    }

    // The longest scenario last, its runs back to back.
    for (var run = 1; run <= options.Repeat && (options.Runs("rest") || options.Runs("kill9")); run++)
    {
        var r = run;
        await Attempt($"rest run {r}", async () => report.Rest.Add(await RestScenario.RunAsync(context, r, options.Runs("rest"), options.Runs("kill9"))));
    }
}
finally
{
    ChildProcesses.KillAll();
}

report.FinishedAt = DateTimeOffset.UtcNow;
report.LoadAverageAtEnd = ProcStat.LoadAverage();
report.Targets = Targets.Evaluate(report);
var markdown = MarkdownReport.Render(report);
Console.WriteLine(markdown);
if (options.ResultsFolder is { } folder)
{
    var (md, json) = ResultFiles.Write(report, markdown, folder);
    Console.Error.WriteLine($"results: {md} and {json}");
}

return report.Passed ? 0 : 1;
