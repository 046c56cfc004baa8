using System.Globalization;

namespace OrleansTrading.Bench;

/// <summary>Command-line options of the storage bench.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        OrleansTrading.Bench: persisted signals/s of the real engine on SQLite, one account vs many.

        Usage: dotnet run -c Release --project bench/OrleansTrading.Bench -- [options]

          --scenario NAME        accounts | busy | rest [accounts]
                                 accounts: one scenario per account count (the tables below)
                                 busy: one account sends --signals signals back to back; compares the
                                 latency of its first and last 100 signals and reports its stored rows
                                 (--accounts, --control and the storage baseline do not apply)
                                 rest: --accounts N (one count, default 10000) accounts each open one
                                 position, then nothing happens for --idle seconds: process CPU, writes,
                                 RSS and bytes per account; then a crossing quote for --holders of them,
                                 timed until all are flat; then (--restart on) a restart on the same file
                                 and a crossing quote for another --holders, timed until flat
          --holders N            rest: accounts holding the symbol the crossing quote hits [500]
          --idle S               rest: seconds of nothing happening that are measured [30]
          --settle S             rest: seconds between the last entry and the measurement [15]
          --restart X            rest: on | off, the restart phase [on]
          --signals N            timed signals per scenario, split evenly over its accounts
                                 [accounts: 1000; busy: 2000, even and at least 200]
          --accounts LIST        comma-separated account counts, one scenario each [1,8,64,200]
                                 (1 = one account writing sequentially; K = K accounts at once)
          --synchronous LEVEL    Normal | Full | both: Trading:Storage:Synchronous per run
                                 [accounts: both; busy: Normal, the engine's default]
          --history N            override Trading:Governor:SignalHistorySize (decisions kept in each
                                 account's state, part of its row size); 0 = the engine's default [0]
          --warmup N             untimed signals on a separate account before each scenario, also used
                                 to measure the writes per open/close the verification expects (min 4) [200]
          --repeat N             runs of every scenario (interleaved); the accounts table shows the median
                                 run, the busy table every run [3]
          --process-warmup N     signals of one untimed scenario before all others, so measured runs
                                 use tiered-up JIT code (8 accounts; busy: one busy account, at least
                                 200 signals); 0 = none [500]
          --control X            on | off: for K > 1 also run the same K accounts one at a time (one
                                 signal in flight), the same work as the concurrent run [on]
          --storage-baseline X   on | off: also time the same writes without Orleans (the engine's data
                                 source and write query, same row size, K writers) [on]
          --baseline-bytes N     row size for every storage-only run; 0 = each scenario's measured
                                 account-row size [0]
          --keep                 keep the temp database files (their paths are printed)
          -h, --help             show this help

        Exit code: 0 when every signal was answered without an exception and accepted, and every account's
        row is on disk with (at least) the Version its signals imply; 1 otherwise; 2 for bad options. The busy
        scenario's row-size and latency targets are printed, not part of the exit code.
        """;

    /// <summary>Signals at each end of the busy account's run whose latencies are compared.</summary>
    public const int BusyWindow = 100;

    /// <summary>The busy-account scenario instead of the account-count scenarios.</summary>
    public bool Busy { get; init; }

    /// <summary>The accounts-at-rest scenario instead of the account-count scenarios.</summary>
    public bool Rest { get; init; }

    /// <summary>--accounts was given (the rest scenario has its own default).</summary>
    public bool AccountCountsGiven { get; init; }

    public int RestAccounts => AccountCountsGiven ? AccountCounts[0] : 10_000;

    public int Holders { get; init; } = 500;

    public int Idle { get; init; } = 30;

    public int Settle { get; init; } = 15;

    public bool Restart { get; init; } = true;

    /// <summary>--signals as given; null = the scenario's default.</summary>
    public int? SignalsOption { get; init; }

    public int Signals => SignalsOption ?? (Busy ? 2000 : 1000);

    public IReadOnlyList<int> AccountCounts { get; init; } = [1, 8, 64, 200];

    /// <summary>--synchronous as given; null = the scenario's default.</summary>
    public IReadOnlyList<string>? SynchronousOption { get; init; }

    public IReadOnlyList<string> SynchronousLevels => SynchronousOption ?? (Busy ? ["Normal"] : ["Normal", "Full"]);

    /// <summary>0 keeps the engine's default.</summary>
    public int History { get; init; }

    public int Warmup { get; init; } = 200;

    public int Repeat { get; init; } = 3;

    public int ProcessWarmup { get; init; } = 500;

    public bool Control { get; init; } = true;

    public bool StorageBaseline { get; init; } = true;

    /// <summary>0 = each scenario's measured account-row size.</summary>
    public int BaselineBytes { get; init; }

    public bool Keep { get; init; }

    public bool Help { get; init; }

    /// <summary>Parses the arguments; returns null and an error message when they are invalid.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"{arg} needs a value.");
                }

                return args[++i];
            }

            try
            {
                options = arg switch
                {
                    "-h" or "--help" => options with { Help = true },
                    "--keep" => options with { Keep = true },
                    "--scenario" => ScenarioNamed(options, Value()),
                    "--holders" => options with { Holders = PositiveInt(arg, Value()) },
                    "--idle" => options with { Idle = PositiveInt(arg, Value()) },
                    "--settle" => options with { Settle = NonNegativeInt(arg, Value()) },
                    "--restart" => options with { Restart = OnOff(arg, Value()) },
                    "--signals" => options with { SignalsOption = PositiveInt(arg, Value()) },
                    "--warmup" => options with { Warmup = AtLeast(arg, Value(), 4) },
                    "--repeat" => options with { Repeat = PositiveInt(arg, Value()) },
                    "--process-warmup" => options with { ProcessWarmup = NonNegativeInt(arg, Value()) },
                    "--control" => options with { Control = OnOff(arg, Value()) },
                    "--storage-baseline" => options with { StorageBaseline = OnOff(arg, Value()) },
                    "--baseline-bytes" => options with { BaselineBytes = NonNegativeInt(arg, Value()) },
                    "--history" => options with { History = NonNegativeInt(arg, Value()) },
                    "--accounts" => options with
                    {
                        AccountCountsGiven = true,
                        AccountCounts = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Select(v => PositiveInt(arg, v))],
                    },
                    "--synchronous" => options with { SynchronousOption = Synchronous(Value()) },
                    _ => throw new FormatException($"Unknown option '{arg}'."),
                };
            }
            catch (FormatException ex)
            {
                error = ex.Message;
                return null;
            }
        }

        if (options.AccountCounts.Count == 0)
        {
            error = "--accounts needs at least one count.";
            return null;
        }

        if (options.Rest)
        {
            if (options.AccountCounts.Count != 1)
            {
                error = "--accounts takes one count for the rest scenario.";
                return null;
            }

            return options;
        }

        if (options.Busy)
        {
            // Whole round trips so the account ends flat, and two windows that do not overlap.
            if (options.Signals % 2 != 0 || options.Signals < 2 * BusyWindow)
            {
                error = $"--signals must be even and at least {2 * BusyWindow} for the busy scenario.";
                return null;
            }

            return options;
        }

        if (options.AccountCounts.Any(a => 2 * a > options.Signals))
        {
            error = "--signals must be at least twice the largest account count (every account opens and closes at least once).";
            return null;
        }

        return options;
    }

    private static BenchOptions ScenarioNamed(BenchOptions options, string value) => value.ToLowerInvariant() switch
    {
        "accounts" => options with { Busy = false, Rest = false },
        "busy" => options with { Busy = true, Rest = false },
        "rest" => options with { Busy = false, Rest = true },
        _ => throw new FormatException($"--scenario must be accounts, busy or rest, not '{value}'."),
    };

    private static IReadOnlyList<string> Synchronous(string value) => value.ToLowerInvariant() switch
    {
        "normal" => ["Normal"],
        "full" => ["Full"],
        "both" => ["Normal", "Full"],
        _ => throw new FormatException($"--synchronous must be Normal, Full or both, not '{value}'."),
    };

    private static bool OnOff(string option, string value) => value.ToLowerInvariant() switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        _ => throw new FormatException($"{option} must be on or off, not '{value}'."),
    };

    private static int PositiveInt(string option, string value) => AtLeast(option, value, 1);

    private static int AtLeast(string option, string value, int minimum)
    {
        var n = NonNegativeInt(option, value);
        return n >= minimum ? n : throw new FormatException($"{option} must be at least {minimum}.");
    }

    private static int NonNegativeInt(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{option} needs a whole number, not '{value}'.");
}
