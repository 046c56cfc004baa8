using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Venue;

/// <summary>
/// The port to an execution venue. The paper venue implements it today; a real broker adapter implements
/// the same contract later, so the account grain never knows which one it talks to. Fills for working orders
/// arrive later through <see cref="Accounts.IAccountFeedGrain.OnVenueReportAsync"/>; reports can be lost, so
/// the account also reconciles with <see cref="GetAccountReportAsync"/>.
/// </summary>
public interface IVenue
{
    /// <summary>
    /// Sends an order. An immediate-or-cancel order comes back terminal; a good-till-cancelled one may still be working.
    /// Re-sending a client order id returns the venue's current report for it and trades nothing new.
    /// A report with status <see cref="Abstractions.OrderStatus.Pending"/> means no acknowledgement arrived.
    /// </summary>
    Task<VenueOrderReport> SubmitAsync(VenueOrder order);

    /// <summary>
    /// The venue's view of one account, for reconciliation: its working orders, its net positions, and the orders
    /// named in <paramref name="clientOrderIds"/> however long ago they finished (so an account that missed a report
    /// learns how its order ended). Orders the venue never received are absent.
    /// </summary>
    Task<VenueAccountReport> GetAccountReportAsync(string accountId, IReadOnlyCollection<string> clientOrderIds);
}
