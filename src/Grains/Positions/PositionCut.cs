namespace OrleansTrading.Grains.Positions;

/// <summary>Quantity to take off one position.</summary>
public sealed record PositionCut(string PositionId, decimal Quantity);
