using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Venue;

/// <summary>
/// The paper venue's live fault settings: start from configuration, and can be changed while running so a
/// test or a demo can make the venue misbehave for a moment and then recover.
/// </summary>
public sealed class VenueFaults(IOptions<TradingOptions> options)
{
    private readonly VenueFaultOptions _configured = options.Value.Venue.Faults;

    public double DropFillReportRate { get; set; } = options.Value.Venue.Faults.DropFillReportRate;
    public double RejectOrderRate { get; set; } = options.Value.Venue.Faults.RejectOrderRate;
    public double LoseOrderRate { get; set; } = options.Value.Venue.Faults.LoseOrderRate;
    public TimeSpan ExtraLatency { get; set; } = options.Value.Venue.Faults.ExtraLatency;

    public bool DropFillReport() => Hit(DropFillReportRate);
    public bool RejectOrder() => Hit(RejectOrderRate);
    public bool LoseOrder() => Hit(LoseOrderRate);

    /// <summary>Back to the configured settings.</summary>
    public void Reset()
    {
        DropFillReportRate = _configured.DropFillReportRate;
        RejectOrderRate = _configured.RejectOrderRate;
        LoseOrderRate = _configured.LoseOrderRate;
        ExtraLatency = _configured.ExtraLatency;
    }

    private static bool Hit(double rate) => rate > 0 && (rate >= 1 || Random.Shared.NextDouble() < rate);
}
