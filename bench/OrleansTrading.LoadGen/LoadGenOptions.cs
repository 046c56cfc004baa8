using System.Globalization;

namespace OrleansTrading.LoadGen;

/// <summary>The command line. Every bad argument is reported at once, and nothing runs.</summary>
public sealed record LoadGenOptions
{
    public static readonly IReadOnlyList<string> AllScenarios = ["baselines", "closed-normal", "closed-full", "closed-grain", "open", "dashboard", "rest", "kill9"];

    /// <summary>Run only when named: the cluster scenario needs Debian's postgresql and starts its own server.</summary>
    public static readonly IReadOnlyList<string> OnRequestScenarios = ["cluster"];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;
    public int Accounts { get; init; } = 1000;
    public int DurationSeconds { get; init; } = 30;
    public int WarmupSeconds { get; init; } = 10;
    public int Repeat { get; init; } = 2;
    public int Rate { get; init; } = 500;
    public int Probes { get; init; } = 20;
    public int Symbols { get; init; } = 20;
    public int QuoteIntervalMs { get; init; } = 100;
    public int RestAccounts { get; init; } = 10_000;
    public int RestIdleSeconds { get; init; } = 30;
    public int RestSettleSeconds { get; init; } = 10;
    public int BaselineSeconds { get; init; } = 10;
    public int DashboardPairs { get; init; } = 2;
    public bool DashboardWithoutPage { get; init; }
    public IReadOnlyDictionary<string, string> SiloSettings { get; init; } = new Dictionary<string, string>();
    public string Configuration { get; init; } = "";
    public string? ResultsFolder { get; init; } = "bench/results";
    public bool Keep { get; init; }
    public bool Smoke { get; init; }
    public bool Help { get; init; }

    public bool Runs(string scenario) => Scenarios.Contains(scenario, StringComparer.Ordinal);

    public static readonly LoadGenOptions SmokeDefaults = new()
    {
        Smoke = true,
        Accounts = 40,
        DurationSeconds = 3,
        WarmupSeconds = 2,
        Repeat = 1,
        Rate = 40,
        Probes = 4,
        RestAccounts = 200,
        RestIdleSeconds = 3,
        RestSettleSeconds = 1,
        BaselineSeconds = 2,
        DashboardPairs = 1,
        ResultsFolder = null,
    };

    public const string Usage = """
        OrleansTrading.LoadGen: drives a real silo process (the built src/Silo) over HTTP and through the grain client.

        dotnet run -c Release --project bench/OrleansTrading.LoadGen [-- options]

          --scenarios LIST        comma-separated, default all: baselines, closed-normal, closed-full, closed-grain, open,
                                  dashboard, rest, kill9 (kill9 runs after rest, on its silo; alone it sets that silo up);
                                  only when named: cluster (1, 2, 3 silos on one PostgreSQL, over HTTP; needs postgresql)
          --accounts N            accounts of the closed-loop, open-loop and dashboard scenarios (1000)
          --duration S            measured seconds of each load run (30)
          --warmup S              seconds of load before the measured window of each run (10)
          --repeat N              runs of each load scenario, interleaved (2)
          --rate N                open loop: offered signals per second (500)
          --probes N              open loop: accounts whose stop-loss reaction is measured while the load runs (20)
          --symbols N             symbols of the quote stream (20)
          --quote-interval-ms N   each symbol is re-published every N ms through the API (100)
          --rest-accounts N       accounts at rest, each holding one position (10000)
          --rest-idle S           seconds of idle CPU measurement at rest (30)
          --rest-settle S         seconds after the last entry before the idle measurement (10)
          --baseline-duration S   seconds of each no-op and raw SQLite baseline (10)
          --dashboard-pairs N     dashboard scenario: N pairs of runs without (A) and with (B) the dashboard and a page (2)
          --dashboard-without-page  after each pair's run with the page, one with the dashboard process only (no
                                  browser): tells the browser's share of the cost from the dashboard's
          --silo-setting K=V      an extra silo setting for every silo (repeatable), e.g. Logging:LogLevel:OrleansTrading=Warning
          --configuration C       build of src/Silo and src/Dashboard to run (this tool's own, normally Release)
          --results DIR           where the markdown and JSON results go (bench/results, relative to the repository)
          --no-results            print only, write no files
          --smoke                 tiny sizes (40 accounts, 3 s runs, 200 accounts at rest, one run each, no files);
                                  options after it still apply
          --keep                  keep each silo's temp folder (database, silo.log)
          --help                  this text

        Exit code: 0 when every run finished without errors and every accepted signal was found in the journal
        (targets are reported, not enforced); 1 otherwise; 2 for bad options.
        """;

    public static LoadGenOptions? Parse(string[] args, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var options = args.Contains("--smoke", StringComparer.Ordinal) ? SmokeDefaults : new LoadGenOptions();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? Value()
            {
                if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[++i];
                }

                problems.Add($"{name} needs a value.");
                return null;
            }

            int Number(int min, int max)
            {
                var text = Value();
                if (text is null)
                {
                    return min;
                }

                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                {
                    problems.Add($"{name} must be a whole number from {min} to {max}, not '{text}'.");
                    return min;
                }

                return n;
            }

            switch (name)
            {
                case "--scenarios":
                    var list = (Value() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = list.Where(s => s != "all" && !AllScenarios.Contains(s) && !OnRequestScenarios.Contains(s)).ToList();
                    if (unknown.Count > 0)
                    {
                        problems.Add($"--scenarios: unknown {string.Join(", ", unknown)}; known: all, {string.Join(", ", AllScenarios.Concat(OnRequestScenarios))}.");
                    }

                    options = options with
                    {
                        Scenarios = [.. (list.Contains("all") ? AllScenarios : AllScenarios.Where(list.Contains)), .. OnRequestScenarios.Where(list.Contains)],
                    };
                    break;
                case "--accounts": options = options with { Accounts = Number(1, 100_000) }; break;
                case "--duration": options = options with { DurationSeconds = Number(1, 3600) }; break;
                case "--warmup": options = options with { WarmupSeconds = Number(0, 600) }; break;
                case "--repeat": options = options with { Repeat = Number(1, 20) }; break;
                case "--rate": options = options with { Rate = Number(1, 100_000) }; break;
                case "--probes": options = options with { Probes = Number(1, 1000) }; break;
                case "--symbols": options = options with { Symbols = Number(1, 100) }; break;
                case "--quote-interval-ms": options = options with { QuoteIntervalMs = Number(10, 60_000) }; break;
                case "--rest-accounts": options = options with { RestAccounts = Number(1, 1_000_000) }; break;
                case "--rest-idle": options = options with { RestIdleSeconds = Number(1, 3600) }; break;
                case "--rest-settle": options = options with { RestSettleSeconds = Number(0, 600) }; break;
                case "--baseline-duration": options = options with { BaselineSeconds = Number(1, 600) }; break;
                case "--dashboard-pairs": options = options with { DashboardPairs = Number(1, 10) }; break;
                case "--dashboard-without-page": options = options with { DashboardWithoutPage = true }; break;
                case "--silo-setting":
                    var setting = Value();
                    if (setting is not null)
                    {
                        var eq = setting.IndexOf('=', StringComparison.Ordinal);
                        if (eq <= 0)
                        {
                            problems.Add($"--silo-setting must be KEY=VALUE, not '{setting}'.");
                        }
                        else
                        {
                            settings[setting[..eq].Trim()] = setting[(eq + 1)..];
                        }
                    }

                    break;
                case "--configuration": options = options with { Configuration = Value() ?? "" }; break;
                case "--results": options = options with { ResultsFolder = Value() }; break;
                case "--no-results": options = options with { ResultsFolder = null }; break;
                case "--keep": options = options with { Keep = true }; break;
                case "--smoke": break;
                case "--help" or "-h": options = options with { Help = true }; break;
                default: problems.Add($"Unknown option '{name}'."); break;
            }
        }

        if (options.Scenarios.Count == 0)
        {
            problems.Add("--scenarios names no scenario.");
        }

        errors = problems;
        return problems.Count == 0 ? options with { SiloSettings = settings } : null;
    }
}
