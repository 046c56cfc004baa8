using System.Globalization;

namespace OrleansTrading.Grains.Rules;

/// <summary>How a limit's refusal names values: "5.2 %", "100,050.5", "2026-12-02 09:30 America/New_York".</summary>
public static class LimitText
{
    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static string Amount(decimal value) => value.ToString("#,##0.########", CultureInfo.InvariantCulture);

    /// <summary>An instant in the exchange's zone, to the minute, with the zone's id.</summary>
    public static string ExchangeTime(DateTimeOffset instant, string zoneId) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zoneId))
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + zoneId;

    /// <summary>1 h, 30 min, 45 s: the unit a person would say.</summary>
    public static string Duration(TimeSpan value) =>
        value >= TimeSpan.FromHours(1) && value.TotalHours == Math.Floor(value.TotalHours) ? $"{value.TotalHours:0} h"
        : value >= TimeSpan.FromMinutes(1) && value.TotalMinutes == Math.Floor(value.TotalMinutes) ? $"{value.TotalMinutes:0} min"
        : $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
}
