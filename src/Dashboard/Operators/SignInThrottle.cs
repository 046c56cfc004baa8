using System.Collections.Concurrent;

namespace OrleansTrading.Dashboard.Operators;

/// <summary>Counts failed sign-ins per client address and locks an address out after too many (guessing passwords).</summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _byAddress = new(StringComparer.Ordinal);

    public bool IsLockedOut(string address) =>
        _byAddress.TryGetValue(address, out var entry) && entry.LockedUntil is { } until && until > clock.GetUtcNow();

    public void RecordFailure(string address, int maxFailures, TimeSpan lockout) =>
        _byAddress.AddOrUpdate(address,
            _ => (1, maxFailures <= 1 ? clock.GetUtcNow() + lockout : null),
            (_, entry) =>
            {
                var failures = entry.LockedUntil is { } until && until <= clock.GetUtcNow() ? 1 : entry.Failures + 1;
                return (failures, failures >= maxFailures ? clock.GetUtcNow() + lockout : null);
            });

    public void RecordSuccess(string address) => _byAddress.TryRemove(address, out _);
}
