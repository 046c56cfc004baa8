using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Market;

/// <summary>How a watch's side is spelled in <c>quote_watches</c>, for both databases.</summary>
internal static class QuoteWatchColumns
{
    public static string Side(PositionSide side) => side == PositionSide.Long ? "long" : "short";

    public static PositionSide Side(string text) => text switch
    {
        "long" => PositionSide.Long,
        "short" => PositionSide.Short,
        _ => throw new InvalidDataException($"quote_watches.side holds '{text}', neither long nor short."),
    };
}
