using OrleansTrading.Dashboard.Operators;

namespace OrleansTrading.Dashboard.Hosting;

/// <summary>
/// Every setting the dashboard needs before it starts, checked at once: each problem is a sentence naming its key,
/// so one refused start lists everything to fix.
/// </summary>
public static class DashboardSettingsCheck
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>(ClusterGateways.Problems(configuration));

        OperatorOptions? operators = null;
        try
        {
            operators = configuration.GetSection(OperatorOptions.SectionName).Get<OperatorOptions>() ?? new OperatorOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the value it could not convert.
            problems.Add(ex.Message);
        }

        if (operators is not null)
        {
            if (operators.MaxFailedSignIns is < 1 or > 1000)
            {
                problems.Add($"{OperatorOptions.SectionName}:MaxFailedSignIns must be between 1 and 1000.");
            }

            if (operators.LockoutDuration < TimeSpan.FromSeconds(1) || operators.LockoutDuration > TimeSpan.FromDays(1))
            {
                problems.Add($"{OperatorOptions.SectionName}:LockoutDuration must be between 00:00:01 and 1.00:00:00.");
            }

            if (OperatorKeyRing.Problem(operators.DataProtectionKeysPath) is { } keyRing)
            {
                problems.Add(keyRing);
            }

            if (ListeningGuard.Check(configuration["urls"], operators.RequiresSignIn) is { } unprotected)
            {
                problems.Add(unprotected);
            }
        }

        var orleans = configuration.GetSection("Orleans");
        try
        {
            GatewayList.Parse(orleans.GetValue("Gateways", GatewayList.Default));
        }
        catch (InvalidOperationException ex)
        {
            // Only the form is checked here: host names are resolved each time Orleans asks for the gateways, so a
            // silo container that is not up yet (or comes back with a new address) is found when it is.
            problems.Add(ex.Message);
        }

        foreach (var key in new[] { "ClusterId", "ServiceId" })
        {
            if (orleans[key] is { } value && string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"Orleans:{key} must not be empty.");
            }
        }

        return problems;
    }
}
