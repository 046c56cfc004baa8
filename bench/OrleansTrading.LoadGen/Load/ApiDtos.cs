namespace OrleansTrading.LoadGen.Load;

// The parts of the API's JSON answers the generator reads (README: HTTP API).

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Offset, int Limit, int Total);

public sealed record DecisionDto(string SignalId, string Status, string? Reason);

public sealed record OrderStatusChangeDto(string Status, DateTimeOffset At);

public sealed record OrderDto(OrderBodyDto Order, IReadOnlyList<OrderStatusChangeDto> History);

public sealed record OrderBodyDto(string OrderId, string Purpose, bool ReduceOnly, string Status, DateTimeOffset CreatedAt);

public sealed record TradeDto(string TradeId, string Reason, DateTimeOffset ClosedAt, string OrderId);
