using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>A rule's "no": one closed reason code and a human-readable detail.</summary>
public sealed record Denial(RejectionReason Reason, string Detail);
