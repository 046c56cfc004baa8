using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Grains.Validation;

/// <summary>
/// Refuses <see cref="IVirtualAccountGrain.CreateAsync"/> for an account id or an initial balance outside the shared
/// <see cref="InputRules"/>, whoever calls: the HTTP API checks first, but a grain client reaches the grain directly,
/// and an id with a newline would otherwise be created (and logged) as a look-alike of a real account. Only creation
/// is guarded: reads of an invalid id find nothing anyway, and accounts created before these rules stay reachable.
/// </summary>
public sealed class AccountCreationFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IVirtualAccountGrain) &&
            context.InterfaceMethod.Name == nameof(IVirtualAccountGrain.CreateAsync))
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (!InputRules.IsAccountId(context.TargetId.Key.ToString()))
            {
                errors["accountId"] = [$"accountId must be {InputRules.AccountIdRule}."];
            }

            if (context.Request.GetArgument(0) is decimal balance && InputRules.InitialBalanceProblem(balance) is { } problem)
            {
                errors["initialBalance"] = [$"initialBalance {problem}."];
            }

            if (errors.Count > 0)
            {
                throw new InvalidInputException(errors);
            }
        }

        return context.Invoke();
    }
}
