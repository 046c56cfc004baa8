using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Venue;

/// <summary>
/// A simulated venue that fills in full at the current quote (buys at the ask, sells at the bid), shifted by
/// the configured simulated slippage; a limit that the fill price would violate cancels the order unfilled.
/// </summary>
public sealed class PaperVenue(IGrainFactory grains, IOptions<TradingOptions> options) : IVenue
{
    private const decimal BasisPoints = 10_000m;

    public async Task<VenueExecution> ExecuteAsync(VenueOrder order, CancellationToken cancellationToken = default)
    {
        var quote = await grains.MarketData(order.Symbol).GetQuoteAsync();
        if (quote is null)
        {
            return new(VenueExecutionStatus.Rejected, 0m, 0m, $"No market for {order.Symbol}.");
        }

        var price = FillPrice(order.Side, quote, SlippageBps(order.Symbol));
        if (order.LimitPrice is { } limit && !MarketFilters.IsWithinLimit(order.Side, price, limit))
        {
            return new(VenueExecutionStatus.Cancelled, 0m, 0m, $"Price {price} is beyond the limit {limit}.");
        }

        return new(VenueExecutionStatus.Filled, order.Quantity, price);
    }

    private decimal SlippageBps(string symbol) =>
        options.Value.Venue.SymbolSlippageBps.TryGetValue(symbol, out var bps) ? bps : options.Value.Venue.SimulatedSlippageBps;

    private static decimal FillPrice(OrderSide side, Quote quote, decimal slippageBps) => side == OrderSide.Buy
        ? quote.Ask * (1 + slippageBps / BasisPoints)
        : quote.Bid * (1 - slippageBps / BasisPoints);
}
