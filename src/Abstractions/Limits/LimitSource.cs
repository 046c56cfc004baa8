namespace OrleansTrading.Abstractions;

/// <summary>Where an account's effective limit comes from.</summary>
[GenerateSerializer, Alias("trading.LimitSource")]
public enum LimitSource
{
    /// <summary>The <c>Trading:Limits</c> setting every account shares.</summary>
    Default = 0,

    /// <summary>The account's own value (<c>PUT /api/accounts/{id}/limits</c>).</summary>
    Override = 1,
}
