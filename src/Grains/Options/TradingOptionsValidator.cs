using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Grains.Options;

/// <summary>Checks every setting at start-up and reports all bad keys at once, each by its full configuration path.</summary>
public sealed class TradingOptionsValidator : IValidateOptions<TradingOptions>
{
    /// <summary>100%: no spread or slippage allowance beyond the price itself.</summary>
    private const decimal MaxBps = 10_000m;

    private static readonly string[] SynchronousLevels = ["Off", "Normal", "Full", "Extra"];

    public ValidateOptionsResult Validate(string? name, TradingOptions options)
    {
        var failures = new List<string>();
        void Require(bool ok, string key, string message)
        {
            if (!ok)
            {
                failures.Add($"{TradingOptions.SectionName}:{key} {message}");
            }
        }

        var provider = StorageProviders.Normalize(options.Storage.Provider);
        Require(provider is not null, "Storage:Provider", $"'{options.Storage.Provider}' must be one of {string.Join(", ", StorageProviders.All)}.");
        if (provider == StorageProviders.PostgreSql)
        {
            Require(IsValidPostgreSqlConnectionString(options.Storage.PostgreSqlConnectionString), "Storage:PostgreSqlConnectionString",
                "must be an Npgsql connection string with a Host and a Database (e.g. 'Host=db;Port=5432;Database=trading;Username=trading;Password=...') when Trading:Storage:Provider is PostgreSql.");
        }
        else
        {
            Require(IsValidConnectionString(options.Storage.ConnectionString), "Storage:ConnectionString",
                "must be a SQLite connection string with a Data Source (e.g. 'Data Source=data/trading.db').");
            Require(!IsInMemory(options.Storage.ConnectionString), "Storage:ConnectionString",
                "must name a file: an in-memory database (':memory:') would lose every acknowledged write at the next restart.");
        }

        Require(SynchronousLevels.Contains(options.Storage.Synchronous, StringComparer.OrdinalIgnoreCase), "Storage:Synchronous",
            $"must be one of {string.Join(", ", SynchronousLevels)}.");
        Require(options.Storage.BusyTimeout >= TimeSpan.FromSeconds(1), "Storage:BusyTimeout", "must be at least 00:00:01.");
        Require(options.Api.MaxConcurrentSignals is >= 1 and <= 100_000, "Api:MaxConcurrentSignals", "must be between 1 and 100000.");
        Require(options.Activity.FlushInterval >= TimeSpan.FromMilliseconds(50) && options.Activity.FlushInterval <= TimeSpan.FromSeconds(10),
            "Activity:FlushInterval", "must be between 00:00:00.05 and 00:00:10.");
        Require(options.Storage.WatchInterval >= TimeSpan.FromMilliseconds(100) && options.Storage.WatchInterval <= TimeSpan.FromMinutes(1),
            "Storage:WatchInterval", "must be between 00:00:00.1 and 00:01:00.");

        Require(options.Governor.MaxOpenPositions >= 1, "Governor:MaxOpenPositions", "must be at least 1.");
        Require(options.Governor.CooldownAfterLosses >= 1, "Governor:CooldownAfterLosses", "must be at least 1.");
        Require(options.Governor.CooldownDuration >= TimeSpan.Zero, "Governor:CooldownDuration", "must not be negative.");
        Require(options.Governor.SignalHistorySize is >= 1 and <= 10_000, "Governor:SignalHistorySize", "must be between 1 and 10000.");

        Require(options.Filters.MaxSpreadBps >= 0, "Filters:MaxSpreadBps", "must not be negative.");
        Require(options.Filters.MaxSlippageBps >= 0, "Filters:MaxSlippageBps", "must not be negative.");
        Require(options.Filters.MaxQuoteAge > TimeSpan.Zero, "Filters:MaxQuoteAge", "must be positive.");
        // Bounded so a slippage or spread factor (1 + bps / 10000) never exceeds 2: part of the overflow argument in InputLimits.
        Require(options.Filters.MaxSpreadBps <= MaxBps, "Filters:MaxSpreadBps", $"must be at most {MaxBps}.");
        Require(options.Filters.MaxSlippageBps <= MaxBps, "Filters:MaxSlippageBps", $"must be at most {MaxBps}.");

        Require(options.Quotes.MaxPrice > 0 && options.Quotes.MaxPrice <= InputLimits.MaxPrice, "Quotes:MaxPrice",
            $"must be greater than 0 and at most {InputLimits.MaxPrice}.");
        Require(options.Quotes.MaxJumpPercent >= 0, "Quotes:MaxJumpPercent", "must not be negative (0 turns the check off).");
        Require(options.Quotes.MaxFutureSkew >= TimeSpan.Zero && options.Quotes.MaxFutureSkew <= TimeSpan.FromMinutes(1),
            "Quotes:MaxFutureSkew", "must be between 0 and 00:01:00.");
        // A quote that is merely stale for entries must still be accepted and kept, so publication age is the larger.
        Require(options.Quotes.MaxPublicationAge >= options.Filters.MaxQuoteAge, "Quotes:MaxPublicationAge",
            "must be at least Trading:Filters:MaxQuoteAge.");

        Require(TryFindTimeZone(options.TradingWindow.TimeZone), "TradingWindow:TimeZone",
            $"'{options.TradingWindow.TimeZone}' is not a known time zone id (e.g. America/New_York).");
        Require(options.TradingWindow.Start < options.TradingWindow.End, "TradingWindow:Start",
            "must be earlier than Trading:TradingWindow:End.");

        Require(options.StopLoss.Percent is > 0 and < 100, "StopLoss:Percent", "must be greater than 0 and less than 100.");

        Require(options.StopLoss.CheckInterval >= TimeSpan.FromMilliseconds(100) && options.StopLoss.CheckInterval <= TimeSpan.FromMinutes(1),
            "StopLoss:CheckInterval", "must be between 00:00:00.100 and 00:01:00.");
        Require(options.Reconciliation.Interval >= TimeSpan.FromSeconds(5) && options.Reconciliation.Interval <= TimeSpan.FromSeconds(10),
            "Reconciliation:Interval", "must be between 00:00:05 and 00:00:10.");

        ValidateLimits(options.Limits, Require);

        Require(options.Venue.Latency >= TimeSpan.Zero && options.Venue.Latency <= TimeSpan.FromSeconds(10), "Venue:Latency", "must be between 0 and 00:00:10.");
        Require(options.Venue.MaxFillPerStep is null or > 0, "Venue:MaxFillPerStep", "must be greater than 0 when set.");
        Require(options.Venue.StepInterval >= TimeSpan.FromMilliseconds(10) && options.Venue.StepInterval <= TimeSpan.FromSeconds(10),
            "Venue:StepInterval", "must be between 00:00:00.010 and 00:00:10.");
        Require(options.Venue.Faults.DropFillReportRate is >= 0 and <= 1, "Venue:Faults:DropFillReportRate", "must be between 0 and 1.");
        Require(options.Venue.Faults.RejectOrderRate is >= 0 and <= 1, "Venue:Faults:RejectOrderRate", "must be between 0 and 1.");
        Require(options.Venue.Faults.LoseOrderRate is >= 0 and <= 1, "Venue:Faults:LoseOrderRate", "must be between 0 and 1.");
        Require(options.Venue.Faults.ExtraLatency >= TimeSpan.Zero && options.Venue.Faults.ExtraLatency <= TimeSpan.FromSeconds(10),
            "Venue:Faults:ExtraLatency", "must be between 0 and 00:00:10.");
        Require(options.Venue.SimulatedSlippageBps is >= 0 and <= MaxBps, "Venue:SimulatedSlippageBps", $"must be between 0 and {MaxBps}.");
        foreach (var (symbol, bps) in options.Venue.SymbolSlippageBps)
        {
            Require(bps is >= 0 and <= MaxBps, $"Venue:SymbolSlippageBps:{symbol}", $"must be between 0 and {MaxBps}.");
        }

        Require(!options.Demo.IgnoreTradingWindow || options.Demo.Enabled, "Demo:IgnoreTradingWindow",
            "needs Trading:Demo:Enabled=true: the trading window is ignored only for a demo market.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The same ranges as a per-account override (<see cref="LimitRules"/>), named by their setting.</summary>
    private static void ValidateLimits(LimitsOptions limits, Action<bool, string, string> require)
    {
        void Check(string key, string? problem) => require(problem is null, $"Limits:{key}", $"{problem}.");

        Check("MaxNotionalPerOrder", LimitRules.NotionalProblem(limits.MaxNotionalPerOrder));
        Check("MaxQuantityPerOrder", limits.MaxQuantityPerOrder is { } quantity ? LimitRules.QuantityProblem(quantity) : null);
        Check("MaxSignalsPerMinute", LimitRules.SignalsPerMinuteProblem(limits.MaxSignalsPerMinute));
        Check("DailyLossPercent", LimitRules.PercentProblem(limits.DailyLossPercent));
        Check("MaxDrawdownPercent", LimitRules.PercentProblem(limits.MaxDrawdownPercent));
        Check("StopLossGuard:Count", LimitRules.CountProblem(limits.StopLossGuard.Count));
        Check("StopLossGuard:Window", LimitRules.DurationProblem(limits.StopLossGuard.Window));
        Check("StopLossGuard:LockFor", LimitRules.DurationProblem(limits.StopLossGuard.LockFor));
        Check("Portfolio:MaxExposurePerSymbol", LimitRules.NotionalProblem(limits.Portfolio.MaxExposurePerSymbol));
        Check("Portfolio:MaxGrossExposure", LimitRules.NotionalProblem(limits.Portfolio.MaxGrossExposure));
        Check("Portfolio:DailyLossPercent", LimitRules.PercentProblem(limits.Portfolio.DailyLossPercent));
    }

    private static bool IsValidConnectionString(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        try
        {
            return !string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(value).DataSource);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsValidPostgreSqlConnectionString(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(value);
            return !string.IsNullOrWhiteSpace(builder.Host) && !string.IsNullOrWhiteSpace(builder.Database);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsInMemory(string? value)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(value);
            // Without a Data Source the connection string is refused already, for that.
            return !string.IsNullOrWhiteSpace(builder.DataSource) && (builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool TryFindTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
