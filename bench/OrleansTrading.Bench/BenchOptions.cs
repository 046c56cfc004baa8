using System.Globalization;

namespace OrleansTrading.Bench;

/// <summary>Command-line options of the storage bench.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        OrleansTrading.Bench: persisted signals/s of the real engine on SQLite, one account vs many.

        Usage: dotnet run -c Release --project bench/OrleansTrading.Bench -- [options]

          --signals N            timed signals per scenario, split evenly over its accounts [4000]
          --accounts LIST        comma-separated account counts, one scenario each [1,8,64,200]
                                 (1 = one account writing sequentially; K = K accounts at once)
          --synchronous LEVEL    Normal | Full | both: Trading:Storage:Synchronous per run [both]
          --history N            Trading:Governor:SignalHistorySize (decisions kept in each account's
                                 state, so it sets the persisted payload size); 0 = engine default [16]
          --warmup N             untimed signals on a separate account before each scenario, also used
                                 to measure the writes per open/close the verification expects (min 2) [200]
          --repeat N             runs of every scenario (interleaved); the table shows the median run [3]
          --process-warmup N     signals of one untimed scenario before all others, so measured runs
                                 use tiered-up JIT code; 0 = none [4000]
          --storage-baseline X   on | off: also time the same writes without Orleans (the engine's data
                                 source and write query, same row size, K writers) [on]
          --keep                 keep the temp database files (their paths are printed)
          -h, --help             show this help

        Exit code: 0 when every signal was answered without an exception, accepted, and every account's
        row is on disk with the expected Version; 1 otherwise; 2 for bad options.
        """;

    public int Signals { get; init; } = 4000;

    public IReadOnlyList<int> AccountCounts { get; init; } = [1, 8, 64, 200];

    public IReadOnlyList<string> SynchronousLevels { get; init; } = ["Normal", "Full"];

    /// <summary>0 keeps the engine's default.</summary>
    public int History { get; init; } = 16;

    public int Warmup { get; init; } = 200;

    public int Repeat { get; init; } = 3;

    public int ProcessWarmup { get; init; } = 4000;

    public bool StorageBaseline { get; init; } = true;

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
                    "--signals" => options with { Signals = PositiveInt(arg, Value()) },
                    "--warmup" => options with { Warmup = AtLeast(arg, Value(), 2) },
                    "--repeat" => options with { Repeat = PositiveInt(arg, Value()) },
                    "--process-warmup" => options with { ProcessWarmup = NonNegativeInt(arg, Value()) },
                    "--storage-baseline" => options with { StorageBaseline = OnOff(arg, Value()) },
                    "--history" => options with { History = NonNegativeInt(arg, Value()) },
                    "--accounts" => options with
                    {
                        AccountCounts = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Select(v => PositiveInt(arg, v))],
                    },
                    "--synchronous" => options with { SynchronousLevels = Synchronous(Value()) },
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

        if (options.AccountCounts.Any(a => a > options.Signals))
        {
            error = "--signals must be at least the largest account count (every account sends at least one signal).";
            return null;
        }

        return options;
    }

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
