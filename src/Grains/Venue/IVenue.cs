namespace OrleansTrading.Grains.Venue;

/// <summary>
/// The port to an execution venue. The paper venue implements it today; a real broker adapter implements
/// the same contract later, so the account grain never knows which one it talks to.
/// </summary>
public interface IVenue
{
    /// <summary>Sends an immediate-or-cancel order and returns what filled. Re-sending a client order id returns the first result.</summary>
    Task<VenueExecution> ExecuteAsync(VenueOrder order, CancellationToken cancellationToken = default);
}
