using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Activity;

namespace OrleansTrading.Grains.Accounts;

/// <summary>Tells dashboards what changed, once it is stored: a dictionary write per change, no message.</summary>
public sealed partial class VirtualAccountGrain
{
    private ActivityCollector? _activity;

    private void PublishActivity(IReadOnlyList<DecisionRecord> decisions)
    {
        var activity = _activity ??= ServiceProvider.GetRequiredService<ActivityCollector>();
        activity.AccountChanged(AccountId);
        foreach (var decision in decisions)
        {
            activity.DecisionRecorded(decision);
        }
    }
}
