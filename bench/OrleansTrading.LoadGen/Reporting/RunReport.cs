using OrleansTrading.LoadGen.Scenarios;

namespace OrleansTrading.LoadGen.Reporting;

/// <summary>Everything one invocation measured, as written to the JSON file.</summary>
public sealed class RunReport
{
    public required MachineFacts Machine { get; init; }

    public required string CommandLine { get; init; }

    public required LoadGenOptions Options { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; set; }

    public required string LoadAverageAtStart { get; init; }

    public string LoadAverageAtEnd { get; set; } = "";

    public List<BaselineRun> Baselines { get; } = [];

    public List<ClosedLoopResult> ClosedLoop { get; } = [];

    public List<OpenLoopResult> OpenLoop { get; } = [];

    public List<ClosedLoopResult> Dashboard { get; } = [];

    public List<RestResult> Rest { get; } = [];

    public List<ClusterResult> Cluster { get; } = [];

    public List<string> Failures { get; } = [];

    public List<TargetCheck> Targets { get; set; } = [];

    public bool Passed => Failures.Count == 0
        && Baselines.All(b => b.Passed)
        && ClosedLoop.All(r => r.Passed)
        && OpenLoop.All(r => r.Passed)
        && Dashboard.All(r => r.Passed)
        && Rest.All(r => r.Passed)
        && Cluster.All(r => r.Passed);
}

/// <summary>One of the issues' targets next to what this run measured (medians over its runs).</summary>
public sealed record TargetCheck(string Issue, string Target, string Measured, bool? Met, string? Note = null);
