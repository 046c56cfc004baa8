namespace OrleansTrading.Abstractions;

/// <summary>
/// The engine cannot reach its database (the file was deleted, replaced or became unwritable). Nothing is written
/// while it lasts; the outcome of a request that got this is unknown, and re-sending the same signal id once storage
/// is back returns the real decision.
/// </summary>
[GenerateSerializer, Alias("trading.StorageUnavailableException")]
public sealed class StorageUnavailableException(string message) : Exception(message);
