using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.DemoMarket.Strategies;

namespace OrleansTrading.DemoMarket.Hosting;

/// <summary>Checks every demo setting at start-up and reports each bad key by its full path, all at once.</summary>
public sealed class DemoMarketOptionsValidator : IValidateOptions<DemoMarketOptions>
{
    private static readonly TimeSpan LongestEpisode = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, DemoMarketOptions options)
    {
        var failures = new List<string>();
        void Require(bool ok, string key, string message)
        {
            if (!ok)
            {
                failures.Add($"{DemoMarketOptions.SectionName}:{key} {message}");
            }
        }

        var badAccount = StrategyBook.Names.Select(n => options.AccountPrefix + n).FirstOrDefault(id => !InputRules.IsAccountId(id));
        Require(badAccount is null, "AccountPrefix",
            $"makes the account id '{badAccount}', which is not {InputRules.AccountIdRule}.");
        Require(InputRules.InitialBalanceProblem(options.InitialBalance) is null, "InitialBalance",
            $"{InputRules.InitialBalanceProblem(options.InitialBalance)}.");

        var symbols = options.SymbolList;
        var badSymbol = symbols.FirstOrDefault(s => !InputRules.IsSymbol(s));
        var repeated = symbols.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        Require(symbols.Count is >= 2 and <= 20 && badSymbol is null && repeated is null, "Symbols",
            badSymbol is not null ? $"has '{badSymbol}', which is not {InputRules.SymbolRule}."
            : repeated is not null ? $"lists '{repeated}' more than once."
            : "must list 2 to 20 symbols, comma-separated (e.g. 'ACME,GLOBEX').");

        Require(Between(options.QuoteInterval, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10)), "QuoteInterval", "must be between 00:00:00.020 and 00:00:10.");
        Require(Between(options.DecisionInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10)), "DecisionInterval", "must be between 00:00:00.050 and 00:00:10.");
        Require(Between(options.HoldTime, TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1)), "HoldTime", "must be between 00:00:00.500 and 01:00:00.");

        Require(options.VolatilityPercent is >= 0 and <= 20, "VolatilityPercent", "must be between 0 and 20 (percent per minute).");
        Require(options.DriftPercent is >= -50 and <= 50, "DriftPercent", "must be between -50 and 50 (percent per hour).");
        Require(options.MinSpreadBps is > 0 and <= 1000, "MinSpreadBps", "must be greater than 0 and at most 1000.");
        Require(options.MaxSpreadBps >= options.MinSpreadBps && options.MaxSpreadBps <= 1000, "MaxSpreadBps",
            "must be at least Trading:Demo:MinSpreadBps and at most 1000.");
        Require(options.WideSpreadBps > options.MaxSpreadBps && options.WideSpreadBps <= 2000, "WideSpreadBps",
            "must be greater than Trading:Demo:MaxSpreadBps and at most 2000.");

        Require(options.WideSpreadRate is >= 0 and <= 1, "WideSpreadRate", "must be between 0 and 1 (chance per symbol per quote).");
        Require(Between(options.WideSpreadDuration, TimeSpan.FromMilliseconds(1), LongestEpisode), "WideSpreadDuration", "must be positive and at most 00:10:00.");
        Require(options.StaleGapRate is >= 0 and <= 1, "StaleGapRate", "must be between 0 and 1 (chance per symbol per quote).");
        Require(Between(options.StaleGapDuration, TimeSpan.FromMilliseconds(1), LongestEpisode), "StaleGapDuration", "must be positive and at most 00:10:00.");

        Require(IsWholeSize(options.MinSize), "MinSize", "must be a whole number from 1 to 1000000.");
        Require(IsWholeSize(options.MaxSize) && options.MaxSize >= options.MinSize, "MaxSize",
            "must be a whole number from Trading:Demo:MinSize to 1000000.");

        Require(Between(options.FirstEventsAfter, TimeSpan.FromMilliseconds(1), LongestEpisode), "FirstEventsAfter", "must be positive and at most 00:10:00.");
        Require(options.ShockDropPercent is > 0 and < 50, "ShockDropPercent", "must be greater than 0 and less than 50.");
        Require(Between(options.ShockDuration, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1)), "ShockDuration", "must be positive and at most 00:01:00.");
        Require(options.ShockEvery > options.ShockDuration && options.ShockEvery <= TimeSpan.FromHours(1), "ShockEvery",
            "must be longer than Trading:Demo:ShockDuration and at most 01:00:00.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool Between(TimeSpan value, TimeSpan min, TimeSpan max) => value >= min && value <= max;

    private static bool IsWholeSize(decimal value) => value is >= 1 and <= 1_000_000 && decimal.Truncate(value) == value;
}
